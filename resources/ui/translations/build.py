"""Refresh the Qt Linguist catalogues and compile them.

    .venv/bin/python resources/ui/translations/build.py

1. ``pyside6-lupdate`` collects every string of src/salesdesk/ui into salesdesk_<lang>.ts
   (existing translations are kept; translators edit the .ts files with pyside6-linguist);
2. the English catalogue gets its plural forms ("%n event(s)" -> "1 event" / "2 events");
3. strings still unfinished in de/hu are filled from <lang>.json when it has them
   (source text -> translation, a list for plural forms);
4. ``pyside6-lrelease`` compiles every .ts into the .qm the app loads.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
SOURCES = ROOT / "src" / "salesdesk" / "ui"
LANGUAGES = ("en", "de", "hu")


def tool(name: str) -> str:
    local = Path(sys.executable).with_name(name)
    found = str(local) if local.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install PySide6 in this environment")
    return found


def english_plural(source: str) -> list[str]:
    one = re.sub(r"\((s|es)\)", "", source)
    many = re.sub(r"\((s|es)\)", r"\1", source)
    return [one, many]


def fill(ts: Path, language: str) -> tuple[int, int]:
    tree = ET.parse(ts)
    table: dict[str, object] = {}
    extra = HERE / f"{language}.json"
    if extra.exists():
        table = json.loads(extra.read_text(encoding="utf-8"))
    done = missing = 0
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        numerus = message.get("numerus") == "yes"
        unfinished = translation.get("type") in ("unfinished", "vanished", "obsolete")
        if translation.get("type") in ("vanished", "obsolete"):
            continue
        if not unfinished:
            done += 1
            continue
        if language == "en":
            value: object = english_plural(source) if numerus else None
            if value is None:
                continue  # English needs no catalogue entry for plain strings
        else:
            value = table.get(source)
        if value is None:
            missing += 1
            continue
        if numerus:
            forms = value if isinstance(value, list) else [value]
            for child in list(translation):
                translation.remove(child)
            count = 1 if language == "hu" else 2
            for index in range(count):
                form = ET.SubElement(translation, "numerusform")
                form.text = str(forms[min(index, len(forms) - 1)])
            translation.text = None
        else:
            translation.text = str(value)
        del translation.attrib["type"]
        done += 1
    ET.indent(tree, "    ")
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    text = ts.read_text(encoding="utf-8")
    if "<!DOCTYPE TS>" not in text:
        text = text.replace("?>\n", "?>\n<!DOCTYPE TS>\n", 1)
        ts.write_text(text, encoding="utf-8")
    return done, missing


def main() -> int:
    lupdate, lrelease = tool("pyside6-lupdate"), tool("pyside6-lrelease")
    files = sorted(str(p) for p in SOURCES.rglob("*.py"))
    status = 0
    for language in LANGUAGES:
        ts = HERE / f"salesdesk_{language}.ts"
        subprocess.run(
            [
                lupdate,
                *files,
                "-no-obsolete",
                "-locations",
                "none",
                "-target-language",
                language,
                "-ts",
                str(ts),
            ],
            check=True,
            capture_output=True,
        )
        done, missing = fill(ts, language)
        print(f"{ts.name}: {done} translated, {missing} missing")
        if missing and language != "en":
            status = 1
        subprocess.run(
            [lrelease, str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True, capture_output=True
        )
    return status


if __name__ == "__main__":
    raise SystemExit(main())
