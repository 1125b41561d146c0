"""Reports: contexts computed from the workspace (context.py), rendered through one Jinja
environment factory (environment.py) to Markdown, HTML and PDF (render.py), and written out
(reports.py). `kemi build` (build.py) makes the whole published site."""
