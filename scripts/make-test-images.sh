#!/bin/sh
# Regenerates TestImages/generated/: synthetic documents from `docsentry generate` with fixed seeds, an answer key
# (NAME.json) beside each image (NAME.png), and the table of them in TestImages/README.md (between the
# "generated:begin" and "generated:end" markers; the rest of the README is left alone).
#
# The same binary gives the same bytes: rerun it after changing the generator and review the diff.
#
#   scripts/make-test-images.sh                   # builds the release binary if needed
#   DOCSENTRY=/path/to/docsentry scripts/make-test-images.sh
#
# Needs jq for the README table.
set -eu
cd "$(dirname "$0")/.."

BIN=${DOCSENTRY:-.build/release/docsentry}
if [ ! -x "$BIN" ]; then
    swift build -c release
fi
command -v jq >/dev/null || { echo "make-test-images: jq is needed for the README table" >&2; exit 1; }

OUT=TestImages/generated
rm -rf "$OUT"
mkdir -p "$OUT"

# gen NAME SEED FORMAT [generate options...]: one document, NAME-0000.png and NAME-0000.json.
gen() {
    name=$1 seed=$2 format=$3
    shift 3
    "$BIN" generate --out "$OUT" --count 1 --prefix "$name" --seed "$seed" --format "$format" "$@" >/dev/null
}

# Genuine, clean: every format.
gen td3-genuine                      101 TD3
gen td1-genuine                      102 TD1
gen td2-genuine                      103 TD2 --dpi 250
gen mrva-genuine                     104 MRVA
gen mrvb-genuine                     105 MRVB --dpi 250
gen td3-genuine-overprint            106 TD3 --dpi 200 --specimen-overprint
gen td1-genuine-two-sides            107 TD1 --degrade two_sides --dpi 200
gen td3-mrz-crop-600dpi              108 TD3 --dpi 600 --degrade mrz_crop:mild

# Forged, clean: every forgery kind, most on two formats.
gen td3-field-altered                201 TD3  --forgery field_altered_check_digit_left --dpi 200
gen td1-field-altered                202 TD1  --forgery field_altered_check_digit_left --dpi 200
gen td2-composite-left               203 TD2  --forgery check_digit_recomputed_composite_left --dpi 200
gen td3-viz-mismatch                 608 TD3  --forgery visual_zone_mismatch --dpi 200
gen td1-viz-mismatch                 206 TD1  --forgery visual_zone_mismatch --dpi 200
gen mrva-impossible-dates            207 MRVA --forgery impossible_dates --dpi 200
gen td2-impossible-dates             600 TD2  --forgery impossible_dates --dpi 200
gen mrvb-invalid-issuer              600 MRVB --forgery invalid_issuing_state --dpi 200
gen td3-specimen-number              604 TD3  --forgery specimen_number_reused --dpi 200
gen td1-specimen-number              212 TD1  --forgery specimen_number_reused --dpi 200
gen td3-pasted-character             601 TD3  --forgery pasted_character --dpi 200
gen td3-pasted-other-typeface        612 TD3  --forgery pasted_character --dpi 200
gen td3-pasted-typeface-alone       663 TD3  --forgery pasted_character --dpi 300
gen mrvb-pasted-character            214 MRVB --forgery pasted_character --dpi 200
gen td1-non-mrz-character            215 TD1  --forgery non_mrz_characters --dpi 200

# Degraded, readable.
gen td3-small-rotation               301 TD3  --degrade small_rotation:strong --dpi 150
gen td1-rotation-90                  302 TD1  --degrade rotation_90 --dpi 200
gen mrva-rotation-180                303 MRVA --degrade rotation_180 --dpi 200
gen td2-rotation-270                 304 TD2  --degrade rotation_270 --dpi 200
gen td3-blur                         305 TD3  --degrade blur:strong --dpi 150
gen td1-noise                        306 TD1  --degrade noise:mild --dpi 150
gen td3-uneven-lighting              307 TD3  --degrade uneven_lighting:strong --dpi 150
gen mrvb-low-contrast                308 MRVB --degrade low_contrast:strong --dpi 200
gen td3-jpeg                         309 TD3  --degrade jpeg_artifacts:strong --dpi 200
gen td1-low-resolution               310 TD1  --degrade low_resolution:strong
gen td3-low-resolution               311 TD3  --degrade low_resolution:strong
gen td3-perspective                  312 TD3  --degrade perspective:strong --dpi 150
gen td3-mrz-crop                     314 TD3  --degrade mrz_crop:strong
gen td1-mrz-crop                     315 TD1  --degrade mrz_crop:mild

# Forged and degraded.
gen td2-field-altered-perspective    401 TD2  --forgery field_altered_check_digit_left --degrade perspective,blur:mild --dpi 200
gen td3-specimen-rotated             402 TD3  --forgery specimen_number_reused --degrade small_rotation,jpeg_artifacts:mild --dpi 150
gen td1-pasted-two-sides-low-res     403 TD1  --forgery pasted_character --degrade two_sides,low_resolution:mild

# Unreadable: extreme degradations.
gen td3-unreadable-blur              501 TD3  --degrade blur:extreme --dpi 200
gen td1-unreadable-low-resolution    502 TD1  --degrade low_resolution:extreme
gen mrvb-unreadable-glare            503 MRVB --degrade uneven_lighting:extreme --dpi 150
gen td2-unreadable-jpeg              504 TD2  --degrade jpeg_artifacts:extreme

# The README table, from the answer keys.
table=$(mktemp)
{
    echo "| File | Format | Forgery | Degradations | dpi | Expected | With forensics |"
    echo "|---|---|---|---|---|---|---|"
    for key in "$OUT"/*.json; do
        jq -r '"| `\(.file)` | \(.format) | \(if (.forgeries | length) == 0 then "none" else (.forgeries | map(.kind + " (" + .variant + ")") | join(", ")) end) | \(if (.degradations | length) == 0 then "none" else (.degradations | map(.kind + ":" + .level) | join(", ")) end) | \(.dpi) | \(.expected_verdict) | \(.expected_verdict_with_forensics) |"' "$key"
    done
    count=$(ls "$OUT"/*.png | wc -l)
    size=$(du -ck "$OUT"/*.png | tail -1 | cut -f1)
    echo
    echo "$count images, $((size / 1024)) MB."
} > "$table"
awk -v table="$table" '
    /<!-- generated:begin -->/ { print; while ((getline line < table) > 0) print line; skipping = 1; next }
    /<!-- generated:end -->/ { skipping = 0 }
    !skipping { print }
' TestImages/README.md > TestImages/README.md.new
mv TestImages/README.md.new TestImages/README.md
rm -f "$table"
echo "make-test-images: $(ls "$OUT"/*.png | wc -l) images in $OUT ($(du -sh "$OUT" | cut -f1))"
