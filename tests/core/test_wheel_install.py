"""`pip install .` builds a real wheel whose `ics2desk` finds its schemas and resources."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_wheel_ships_data_and_validates_the_examples(tmp_path):
    src = tmp_path / "src"  # build from a copy: the checkout gets no build/ or egg-info
    for part in ("ics2desk", "resources", "schemas", "ui"):
        shutil.copytree(ROOT / part, src / part, ignore=shutil.ignore_patterns("__pycache__"))
    for f in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / f, src / f)
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(wheels), str(src)], check=True, capture_output=True)
    site = tmp_path / "site"
    wheel = next(wheels.glob("ics2desk-*.whl"))
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site), str(wheel)],
                   check=True, capture_output=True)
    probe = (
        "import sys, ics2desk, ics2desk.paths as p\n"
        "assert ics2desk.__file__.startswith(sys.argv[1]), ics2desk.__file__\n"
        "for f in [p.schema_path('IE3F50.xsd'), p.schema_path('domibus', 'WebServicePlugin.wsdl'),"
        " p.resource_path('hti', 'messages.json'), p.resource_path('codelists', 'unlocode.json'),"
        " p.resource_path('playbook', 'fiche-reflexe-v1.json'), p.resource_path('presets', 'crossings.json'),"
        " p.ui_path('main_window.ui')]:\n"
        "    assert f.is_file(), f\n"
        "from ics2desk.cli import main\n"
        "sys.exit(main(['validate', *sys.argv[2:]]))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    examples = [str(p) for p in sorted((ROOT / "examples").glob("*.xml"))]
    res = subprocess.run([sys.executable, "-c", probe, str(site), *examples], cwd=tmp_path, env=env,
                         capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr
    assert res.stdout.count("valid (") == 3
