"""The fleet report as a person opens it (issue #15): headless Chromium draws every figure offline, and a user
name holding a <script> runs nothing. Skipped where /usr/bin/chromium is absent (.ci/run installs it)."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
EVIL = '<script>document.title="pwned";document.body.setAttribute("data-pwned","1")</script>'
CATCH = "<script>window.__errors=[];window.addEventListener('error',function(e){window.__errors.push(String(e.message))});</script>"
PROBE = """<script>setTimeout(function(){
  var figs=[];
  document.querySelectorAll('.js-plotly-plot').forEach(function(gd){
    var pts=0;
    (gd.data||[]).forEach(function(t){ ['x','y','values'].forEach(function(k){ if(t[k] && t[k].length){ pts+=t[k].length; } }); });
    figs.push({id:gd.id, traces:(gd.data||[]).length, points:pts, svg:!!gd.querySelector('.main-svg')});
  });
  var pre=document.createElement('pre'); pre.id='probe';
  pre.textContent=JSON.stringify({figs:figs, pwned:document.body.getAttribute('data-pwned'), errors:window.__errors,
    scripts:document.scripts.length});
  document.body.appendChild(pre);
}, 3000);</script>"""


def instrumented(text: str, path: Path) -> Path:
    path.write_text(text.replace("<head>", "<head>" + CATCH, 1).replace("</body>", PROBE + "</body>", 1))
    return path


def open_in_chromium(page: Path, tmp_path: Path) -> dict:
    profile = tmp_path / "chromium-profile"
    profile.mkdir()
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", f"--user-data-dir={profile}", "--virtual-time-budget=20000",
           "--dump-dom", page.as_uri()]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=180)
    m = re.search(r'<pre id="probe">(.*?)</pre>', r.stdout, flags=re.S)
    assert m, f"no probe in the DOM (chromium exit {r.returncode}): {r.stderr[-2000:]}"
    return json.loads(html.unescape(m.group(1)))


pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (apt-get install chromium)")

DATA = Path(__file__).resolve().parent / "data" / "fleet"


def test_fleet_report_renders_every_figure(tmp_path):
    from footprint.fleet import fleet_report, import_jobs
    from footprint.fleet.html import figures

    text = (DATA / "sacct_sample.txt").read_text().replace("|alice|", f"|{EVIL}|")
    (tmp_path / "s.txt").write_text(text)
    jobs = import_jobs([tmp_path / "s.txt"], tmp_path / "j.parquet", tz="Europe/Zurich").path
    rep = fleet_report(jobs, DATA / "cluster.toml", samples=300, seed=1)
    expected = list(figures(rep))
    assert expected == ["months", "groups", "sources", "states", "hourly", "whatifs"]
    probe = open_in_chromium(instrumented(rep.html(), tmp_path / "fleet.html"), tmp_path)
    assert probe["errors"] == [] and probe["pwned"] is None
    figs = {f["id"]: f for f in probe["figs"]}
    assert sorted(figs) == sorted(f"fig-{k}" for k in expected)
    for fid, f in figs.items():
        assert f["svg"] and f["traces"] >= 1 and f["points"] > 0, (fid, f)
    assert probe["scripts"] == 1 + len(expected) + 2
