"""Reports: contexts computed from the workspace (context.py), rendered through one Jinja
environment factory (environment.py) to Markdown, HTML and PDF (render.py), and written out
(reports.py). `kemi build` (build.py) makes the whole published site."""

# Here rather than in render.py so that `kemi report`'s options can name the default without
# importing the renderer (and with it jinja2 and weasyprint) at start-up.
DEFAULT_PDF_VARIANT = "pdf/ua-1"
# For the archive: PDF/A-3a that also declares PDF/UA-1, tagged like the default (pdf_tags.py).
ARCHIVAL_PDF_VARIANT = "pdf/a-3a+ua-1"
