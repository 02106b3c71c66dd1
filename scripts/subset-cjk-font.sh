#!/usr/bin/env bash
# Builds the CJK font that LotDesk embeds in its PDFs: Noto Sans CJK SC (Regular, Bold) from
# Debian's fonts-noto-cjk, cut down to Latin, common symbols and the GB2312 character set
# (6,763 hanzi + punctuation), so it fits in the repository and needs no system font at run time.
#
# Needs (Debian): apt-get install fonts-noto-cjk fonttools
# Run from the repository root: bash scripts/subset-cjk-font.sh
set -euo pipefail

SRC_DIR=/usr/share/fonts/opentype/noto
OUT_DIR=resources/fonts
SC_INDEX=2 # NotoSansCJK-*.ttc: 0 jp, 1 kr, 2 sc, 3 tc, 4 hk
PY=/usr/bin/python3 # Debian's python3 has fontTools; a pyenv python may not

mkdir -p "$OUT_DIR"
chars=$(mktemp)
trap 'rm -f "$chars"' EXIT

# Every character GB2312 defines (rows 0xA1–0xF7), via Python's own codec: symbols, Greek,
# Cyrillic, kana, box drawing and both levels of hanzi.
"$PY" - "$chars" <<'PY'
import sys
out = []
for hi in range(0xA1, 0xF8):
    for lo in range(0xA1, 0xFF):
        try:
            out.append(bytes([hi, lo]).decode('gb2312'))
        except UnicodeDecodeError:
            pass
open(sys.argv[1], 'w', encoding='utf-8').write(''.join(out))
print(f'GB2312: {len(out)} characters', file=sys.stderr)
PY

# Latin, Latin-1, general punctuation, letterlike (℃ №), arrows, number forms, enclosed digits,
# geometric shapes, CJK punctuation, fullwidth forms.
UNICODES='U+0020-007E,U+00A0-017F,U+2000-206F,U+20AC,U+2100-218F,U+2190-21FF,U+2212,U+2460-24FF,U+25A0-25FF,U+3000-303F,U+FF00-FFEF'

for weight in Regular Bold; do
  out="$OUT_DIR/NotoSansSC-LotDesk-$weight.otf"
  pyftsubset "$SRC_DIR/NotoSansCJK-$weight.ttc" --font-number=$SC_INDEX \
    --text-file="$chars" --unicodes="$UNICODES" \
    --layout-features='*' --no-hinting --name-IDs='*' --name-languages='*' \
    --output-file="$out"
  echo "$out: $(stat -c %s "$out") bytes"
done

# The OFL text as Debian ships it with the fonts (de-indented).
# (The first "License: SIL-1.1" line belongs to the Files: stanza; the text follows the second.)
awk '/^License: SIL-1.1$/ { n++; next } n == 2 && /^License:/ { exit } n == 2' \
  /usr/share/doc/fonts-noto-cjk/copyright | sed 's/^ \.$//; s/^ //' > "$OUT_DIR/OFL.txt"
"$PY" - "$OUT_DIR/NotoSansSC-LotDesk-Regular.otf" >> "$OUT_DIR/OFL.txt" <<'PY'
import sys
from fontTools.ttLib import TTFont
f = TTFont(sys.argv[1])
print('\nCopyright notice of the font (name table):', f['name'].getDebugName(0))
print('Modified Version: subset to Latin, symbols and GB2312 by scripts/subset-cjk-font.sh (LotDesk).')
PY
