"""The site's accessibility statement (saavutettavuusseloste) has what Act 306/2019 §15 and the
supervisory authority's model statement ask for: the compliance status, the content that is not
accessible and why, how it was assessed and when, a feedback channel from the data (or, while
the data has none, a data gap saying so), and the supervisory authority from the data."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

FEEDBACK = "palaute@example.org"  # generated test content, not the city's address


def statement(data_dir: Path, tmp_path: Path) -> str:
    """The statement as `kemi build` renders it."""
    from kemi_cli.report.build import SiteContext, plan_build
    from kemi_cli.report.provenance import data_provenance
    from kemi_cli.report.render import render_template_document
    from kemi_cli.validate import load_workspace

    _steps, links = plan_build(data_dir, tmp_path / "dist")
    site = SiteContext(data_provenance(data_dir), tuple(links), load_workspace(data_dir).strategy)
    return render_template_document("accessibility", site, data_dir)


def test_the_statement_has_every_item_the_law_asks_for(data_dir: Path, tmp_path: Path) -> None:
    html = statement(data_dir, tmp_path)
    for expected in (
        "306/2019",
        "täyttää WCAG 2.1 -ohjeiston AA-tason saavutettavuusvaatimukset osittain",  # compliance, as such
        "partly meets the level AA accessibility requirements",
        "Kaaviot ovat kuvia",  # what is not accessible, and why
        "Charts are images",
        "Saavutettavuus on arvioitu itse",  # how it was assessed
        "Seloste on tarkistettu viimeksi",  # when last reviewed
        "Selosteen laatimispäivää ei ole kirjattu tietoihin (tietopuute)",  # made: not in the data
        "Liikenne- ja viestintävirasto Traficom",  # the authority, from the data
        'href="mailto:saavutettavuus@traficom.fi"',
        "https://www.saavutettavuusvaatimukset.fi",
        "palautekanavaa (sähköpostiosoitetta tai palautelomaketta) ei ole vielä kirjattu",
        "feedback channel (an e-mail address or a feedback form) has not yet been recorded",
    ):
        assert expected in html, expected
    assert "kirjaamo" not in html and "Etelä-Suomen aluehallintovirasto" not in html
    assert html.count("mailto:") == 2  # the authority's, in Finnish and English: no invented address


def test_a_feedback_address_in_the_data_becomes_the_channel(cli: Callable, data_dir: Path, tmp_path: Path) -> None:
    strategy = data_dir / "strategy.yaml"
    warned = cli("validate", "--data", str(data_dir))
    assert "accessibility statement has no feedback channel" in warned.output
    text = strategy.read_text(encoding="utf-8")
    filled = f"  compliance: partly\n  feedback_email: {FEEDBACK}\n  made: 2026-09-01\n"
    strategy.write_text(text.replace("  compliance: partly\n", filled, 1), encoding="utf-8")
    assert "feedback channel" not in cli("validate", "--data", str(data_dir)).output
    html = statement(data_dir, tmp_path)
    assert f'<a href="mailto:{FEEDBACK}">{FEEDBACK}</a>' in html
    assert "ei ole vielä kirjattu" not in html and "Seloste on laadittu 1.9.2026." in html
    assert "Julkaisijan on vastattava palautteeseen 14 päivän kuluessa." in html


def test_only_a_web_address_becomes_a_link(data_dir: Path, tmp_path: Path) -> None:
    strategy = data_dir / "strategy.yaml"
    text = strategy.read_text(encoding="utf-8")
    strategy.write_text(text.replace("  compliance: partly\n", '  compliance: partly\n  feedback_form: "javascript:alert(1)"\n', 1),
                        encoding="utf-8")
    html = statement(data_dir, tmp_path)
    assert "javascript:alert(1)" in html and 'href="javascript:' not in html
