"""
Writes apps/web/src/fonts/scrutiny-sans-latin-wght.woff2 (decision 113g): the latin file of Source
Sans 3 (variable weight, from @fontsource-variable/source-sans-3) with the same characters but only
the OpenType features the dashboard uses (kerning and the standard ligatures; not fractions,
numerators, denominators, proportional figures, localised forms or mark positioning), ~22 KB
instead of ~29 KB on a first visit. The font is under the SIL Open Font Licence with the Reserved
Font Name "Source", so this modified version is renamed "Scrutiny Sans" (OFL condition 3).

Not part of the build; run again only when the font package is upgraded:
  python3 -m venv /tmp/fontenv && /tmp/fontenv/bin/pip install fonttools brotli
  /tmp/fontenv/bin/python scripts/subset-font.py
"""
from pathlib import Path
from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "node_modules/@fontsource-variable/source-sans-3/files/source-sans-3-latin-wght-normal.woff2"
TARGET = ROOT / "apps/web/src/fonts/scrutiny-sans-latin-wght.woff2"
# The unicode-range of the package's latin file (wght.css), unchanged.
UNICODES = "U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD"

font = TTFont(SOURCE)
options = subset.Options()
options.layout_features = ["kern", "liga"]
options.flavor = "woff2"
subsetter = subset.Subsetter(options)
subsetter.populate(unicodes=subset.parse_unicodes(UNICODES))
subsetter.subset(font)

names = font["name"]
for record in names.names:
    text = record.toUnicode()
    if record.nameID in (1, 3, 4, 16, 21):
        record.string = text.replace("Source Sans 3", "Scrutiny Sans")
    elif record.nameID in (6, 20, 25):
        record.string = text.replace("SourceSans3", "ScrutinySans")
assert not any("Source Sans 3" in r.toUnicode() or "SourceSans3" in r.toUnicode() for r in names.names if r.nameID not in (0, 5, 7, 8, 9, 10, 11, 12, 13, 14)), "a name still carries the reserved name"
font.save(TARGET)
print(TARGET, TARGET.stat().st_size, "bytes")
