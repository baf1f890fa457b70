"""The site folder: ``build --site-dir`` replaces only an empty folder or a site it built itself,
and the page generator deletes only its own pages inside docs/."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from build_tools.cli import cli
from build_tools.load import load
from build_tools.pages import MANIFEST_NAME, generate_pages
from build_tools.site import build_site
from build_tools.site_dir import SITE_MARKER, SiteDirError, swap_in

from .conftest import project_config_copy


def build(practices: Path, tmp_path: Path, site: Path):
    return CliRunner().invoke(cli, ["--practices", str(practices), "--index", str(tmp_path / "index"),
                                    "build", "--site-dir", str(site)])


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def refused(result, site: Path, reason: str) -> None:
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(f"Fout: de sitemap {site} "), result.stderr
    assert reason in result.stderr
    assert "Traceback" not in result.output


# --- refused folders: nothing is touched -----------------------------------------------------
def test_a_git_checkout_is_refused(tmp_path, write_practice):
    write_practice("goed")
    site = tmp_path / "checkout"
    (site / ".git" / "objects").mkdir(parents=True)
    (site / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (site / "README.md").write_text("# Mijn project\n")
    before = snapshot(site)
    result = build(write_practice.folder, tmp_path, site)
    refused(result, site, "bevat een git-repository (.git) (onder meer: .git, README.md)")
    assert f"het bestand {SITE_MARKER} ontbreekt" in result.stderr
    assert snapshot(site) == before
    assert not (tmp_path / "index").exists()  # refused before anything was built


def test_a_folder_with_documents_is_refused(tmp_path, write_practice):
    write_practice("goed")
    site = tmp_path / "documenten"
    site.mkdir()
    for name in ("begroting.xlsx", "notulen.docx", "brief.txt", "foto.jpg"):
        (site / name).write_bytes(b"eigen werk " + name.encode())
    before = snapshot(site)
    result = build(write_practice.folder, tmp_path, site)
    refused(result, site, "bevat bestanden die niet door de kennisbank zijn gemaakt "
                          "(onder meer: begroting.xlsx, brief.txt, foto.jpg, …)")
    assert snapshot(site) == before


def test_the_practices_folder_and_its_parents_are_refused(tmp_path, write_practice):
    write_practice("goed")
    before = snapshot(write_practice.folder)
    result = build(write_practice.folder, tmp_path, write_practice.folder)
    refused(result, write_practice.folder, "is de map met praktijken")
    result = build(write_practice.folder, tmp_path, tmp_path)
    refused(result, tmp_path, "bevat de map met praktijken")
    assert snapshot(write_practice.folder) == before


def test_an_empty_practices_folder_is_refused_too(tmp_path):
    practices = tmp_path / "practices"
    practices.mkdir()
    result = build(practices, tmp_path, practices)
    refused(result, practices, "is de map met praktijken")
    assert practices.is_dir()


def test_a_symlink_to_a_folder_is_refused(tmp_path, write_practice):
    write_practice("goed")
    target = tmp_path / "elders"
    target.mkdir()  # even an empty target: the link would be replaced, or the target emptied
    site = tmp_path / "site"
    site.symlink_to(target, target_is_directory=True)
    result = build(write_practice.folder, tmp_path, site)
    refused(result, site, "is een symbolische koppeling")
    assert site.is_symlink() and target.is_dir()


def test_a_marker_that_is_a_symlink_does_not_count(tmp_path, write_practice):
    write_practice("goed")
    real_site = tmp_path / "echte-site"
    real_site.mkdir()
    (real_site / SITE_MARKER).write_text("")
    site = tmp_path / "documenten"
    site.mkdir()
    (site / "notulen.docx").write_bytes(b"eigen werk")
    (site / SITE_MARKER).symlink_to(real_site / SITE_MARKER)
    result = build(write_practice.folder, tmp_path, site)
    refused(result, site, f"het bestand {SITE_MARKER} ontbreekt")
    assert (site / "notulen.docx").read_bytes() == b"eigen werk"


def test_a_file_is_refused(tmp_path, write_practice):
    write_practice("goed")
    site = tmp_path / "site.html"
    site.write_text("mijn pagina")
    with pytest.raises(SiteDirError, match="is geen map maar een bestand"):
        build_site(write_practice.folder, tmp_path / "index", site)
    assert site.read_text() == "mijn pagina"  # (the command line refuses it already, exit 2)


def test_a_site_folder_below_a_file_is_a_dutch_error(tmp_path, write_practice):
    write_practice("goed")
    (tmp_path / "bestand").write_text("x")
    result = build(write_practice.folder, tmp_path, tmp_path / "bestand" / "site")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr == (f"Fout: kan de map {tmp_path / 'bestand'} voor de site niet maken: "
                             "een deel van het pad is een bestand, geen map\n")
    assert not (tmp_path / "index").exists()  # refused before anything was built


# --- accepted folders ------------------------------------------------------------------------
@pytest.mark.slow
def test_empty_folder_then_own_site_are_replaced(tmp_path, write_practice):
    write_practice("goed")
    config = project_config_copy(tmp_path / "project")
    site = tmp_path / "site"
    site.mkdir()
    build_site(write_practice.folder, tmp_path / "index", site, config_file=config)
    assert (site / SITE_MARKER).is_file() and (site / "praktijken" / "goed" / "index.html").is_file()
    (site / "achtergebleven.html").write_text("van de vorige build")
    write_practice("nieuw")
    build_site(write_practice.folder, tmp_path / "index", site, config_file=config)
    assert not (site / "achtergebleven.html").exists()
    assert (site / "praktijken" / "nieuw" / "index.html").is_file() and (site / SITE_MARKER).is_file()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("site")) == ["site"]


READER = textwrap.dedent("""
    import os, sys
    site, stop = sys.argv[1], sys.argv[2]
    missing = checks = 0
    while not os.path.exists(stop):
        checks += 1
        if not os.path.exists(os.path.join(site, "index.html")):
            missing += 1
    print(missing, checks)
""")


def test_the_swap_never_leaves_the_site_missing(tmp_path):
    """A web server reading the site during a swap always finds a complete site: a separate
    process checks for index.html while the site is replaced 300 times."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("0")
    stop = tmp_path / "stop"
    reader = subprocess.Popen([sys.executable, "-c", READER, str(site), str(stop)], stdout=subprocess.PIPE, text=True)
    try:
        for n in range(1, 301):
            new = tmp_path / f"site.{n}.tmp"
            new.mkdir()
            (new / "index.html").write_text(str(n))
            (new / SITE_MARKER).write_text("")
            swap_in(new, site, f"t{n}")
    finally:
        stop.write_text("")
        missing, checks = map(int, reader.communicate(timeout=30)[0].split())
    assert (site / "index.html").read_text() == "300"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "stop"]
    assert checks > 0 and missing == 0


# --- the generated-pages manifest ----------------------------------------------------------
def test_manifest_entries_outside_the_generated_folders_are_never_deleted(tmp_path, write_practice):
    write_practice("goed")
    project = tmp_path / "project"
    docs = project / "docs"
    generate_pages(load(write_practice.folder), docs, index_dir=tmp_path / "index", repo_url=None)
    outside = tmp_path / "victim.md"
    outside.write_text("niet van de kennisbank")
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    (elsewhere / "brief.md").write_text("eigen brief")
    (docs / "praktijken" / "koppeling").symlink_to(elsewhere, target_is_directory=True)
    (docs / "regios" / "link.md").symlink_to(outside)
    (docs / "index.md").write_text("# Home\n")
    (docs / "over.md").write_text("# Over\n")
    manifest = json.loads((docs / MANIFEST_NAME).read_text())
    manifest["files"] += ["praktijken/../../../victim.md", "praktijken/../index.md", "../victim.md",
                          str(outside), "praktijken/koppeling/brief.md", "regios/link.md", "over.md",
                          "themas/..\\..\\..\\victim.md", 5, None]
    manifest["fingerprint"] = "oud"
    (docs / MANIFEST_NAME).write_text(json.dumps(manifest))
    report = generate_pages(load(write_practice.folder), docs, index_dir=tmp_path / "index", repo_url=None)
    assert report.removed == []
    assert outside.read_text() == "niet van de kennisbank"
    assert (elsewhere / "brief.md").read_text() == "eigen brief"
    assert (docs / "index.md").is_file() and (docs / "over.md").is_file()
    assert (docs / "regios" / "link.md").is_symlink()


def test_a_manifest_that_is_not_a_list_is_ignored(tmp_path, write_practice):
    write_practice("goed")
    docs = tmp_path / "docs"
    generate_pages(load(write_practice.folder), docs, index_dir=tmp_path / "index", repo_url=None)
    (docs / MANIFEST_NAME).write_text(json.dumps({"files": "praktijken/../../x.md", "fingerprint": "oud"}))
    (docs / "praktijken" / "oud.md").write_text("vorige pagina")
    report = generate_pages(load(write_practice.folder), docs, index_dir=tmp_path / "index", repo_url=None)
    assert report.removed == ["praktijken/oud.md"]  # its own leftover is still cleaned up
    assert (docs / "praktijken" / "goed.md").is_file()


def test_a_symlinked_generated_folder_is_not_emptied(tmp_path, write_practice):
    write_practice("goed")
    docs = tmp_path / "docs"
    docs.mkdir()
    elsewhere = tmp_path / "elders"
    (elsewhere / "leeg").mkdir(parents=True)
    (elsewhere / "eigen.md").write_text("eigen")
    os.symlink(elsewhere, docs / "themas", target_is_directory=True)
    try:
        generate_pages(load(write_practice.folder), docs, index_dir=tmp_path / "index", repo_url=None)
    except Exception as exc:  # a clear error is acceptable; deleting is not
        assert "Traceback" not in str(exc)
    assert (elsewhere / "eigen.md").read_text() == "eigen"
    assert (elsewhere / "leeg").is_dir()
