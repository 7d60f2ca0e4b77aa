#!/usr/bin/env bash
# Smoke test of what a Linux clinician installs: the .deb from `python3 dev.py package`
# is unpacked into a scratch root (dpkg -x, no root needed) and used there as a new
# user would. Needs: dpkg, poppler-utils, xvfb, xdotool, desktop-file-utils, appstream.
#
#   bash packaging/smoke.sh [path/to/boundary-desk_VERSION_ARCH.deb]
#
# SMOKE_KEEP=DIR keeps the PDFs and a screenshot of the quick log there to look at.
# Nothing clinical is real: a made-up client in a scratch vault, deleted at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
umask 077

deb="${1:-$(ls -t dist/boundary-desk_*.deb 2>/dev/null | head -n1)}"
[ -f "$deb" ] || { echo "smoke: no .deb (run python3 dev.py package first)" >&2; exit 2; }
work="$(mktemp -d)"
gui_pid="" xvfb_pid=""
cleanup() {
  [ -n "$gui_pid" ] && kill "$gui_pid" 2>/dev/null || true
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
step() { printf 'smoke: %s\n' "$*"; }

root="$work/root" out="${SMOKE_KEEP:-$work/out}" vault="$work/vault"
mkdir -p "$out"
step "unpacking $(basename "$deb")"
dpkg -x "$deb" "$root"
app="$root/opt/boundary-desk/boundary-desk"
[ -x "$app" ]
[ "$(readlink "$root/usr/bin/boundary-desk")" = /opt/boundary-desk/boundary-desk ]

step "licences: the app's own and every bundled library's"
grep -q "GNU GENERAL PUBLIC LICENSE" "$root/opt/boundary-desk/LICENSE"
for lib in pyside6-essentials sqlcipher3 reportlab recurring-ical-events; do
  grep -q "^$lib " "$root/opt/boundary-desk/THIRD-PARTY-NOTICES.txt"
done

step "desktop integration files"
app_id=org.boundarydesk.BoundaryDesk
desktop="$root/usr/share/applications/$app_id.desktop"
metainfo="$root/usr/share/metainfo/$app_id.metainfo.xml"
for size in 16 22 24 32 48 64 128 256 512; do
  [ -s "$root/usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png" ]
done
[ -s "$root/usr/share/icons/hicolor/scalable/apps/$app_id.svg" ]
desktop-file-validate "$desktop"
appstreamcli validate --no-net "$metainfo"

# A new user: an empty home, no keychain (so the passphrase protects the key).
export HOME="$work/home" XDG_DATA_HOME="$work/home/data" XDG_STATE_HOME="$work/home/state"
export XDG_CONFIG_HOME="$work/home/config" XDG_CACHE_HOME="$work/home/cache"
export PYTHON_KEYRING_BACKEND=keyring.backends.fail.Keyring LANG=C.UTF-8
export BOUNDARY_DESK_PASSPHRASE="a calm harbour at dusk"
mkdir -p "$HOME"
step "frozen command line (the same steps as on Windows and macOS)"
BOUNDARY_DESK_APP="$app" SMOKE_VAULT="$vault" SMOKE_OUT="$out" SMOKE_SKIP_APP=1 \
  python3 packaging/smoke_cli.py
for pdf in emergency-kit agreement review record; do
  pages="$(pdfinfo "$out/$pdf.pdf" | awk '/^Pages:/ {print $2}')"
  [ "${pages:-0}" -ge 1 ] || { echo "smoke: $pdf.pdf has no pages" >&2; exit 1; }
done

step "frozen app: unlock and open the quick log (under Xvfb)"
unlocks() {  # how many unlocks the audit trail holds (this call adds one)
  BOUNDARY_DESK_PASSPHRASE="a calm harbour at dusk" "$app" --data-dir "$vault" audit show --json \
    </dev/null | python3 -c 'import json,sys; print(sum(r["action"] == "unlock" for r in json.load(sys.stdin)))'
}
before="$(unlocks)"
display=":$((90 + RANDOM % 100))"
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
export DISPLAY="$display"
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.2; done
unset BOUNDARY_DESK_PASSPHRASE  # typed into the unlock screen, as a person would
"$app" --data-dir "$vault" >"$work/gui.log" 2>&1 &
gui_pid=$!
window="$(timeout 60 xdotool search --sync --onlyvisible --name '^Boundary Desk' | head -n1)" || {
  echo "smoke: the app's window did not appear; the app said:" >&2; cat "$work/gui.log" >&2; exit 1; }
sleep 2
xdotool windowactivate --sync "$window" 2>/dev/null || xdotool windowfocus --sync "$window"
xdotool type --delay 20 "a calm harbour at dusk"
xdotool key Return
sleep 3
xdotool key ctrl+l
if ! timeout 30 xdotool search --sync --onlyvisible --name '^Log a contact' >/dev/null; then
  echo "smoke: the quick log did not open; the app said:" >&2
  cat "$work/gui.log" >&2
  exit 1
fi
if command -v import >/dev/null && [ -n "${SMOKE_KEEP:-}" ]; then
  import -window root "$out/quick-log.png" 2>/dev/null || true
fi
kill "$gui_pid"
wait "$gui_pid" 2>/dev/null || true
gui_pid=""
if grep -q Traceback "$work/gui.log"; then
  cat "$work/gui.log" >&2
  exit 1
fi
after="$(unlocks)"
[ "$after" -ge $((before + 2)) ] || {
  echo "smoke: the audit trail shows no unlock by the app ($before, then $after)" >&2; exit 1; }
step "the app unlocked the vault (audit trail: $before unlocks, then $after)"
if command -v gnome-keyring-daemon >/dev/null && command -v dbus-run-session >/dev/null; then
  step "frozen app with the real Secret Service keychain (gnome-keyring)"
  keyvault="$work/keychain-vault"
  kept="$(env -u PYTHON_KEYRING_BACKEND dbus-run-session -- sh -c '
    printf kc | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
    "$1" --data-dir "$2" init </dev/null >/dev/null && "$1" --data-dir "$2" status </dev/null
  ' sh "$app" "$keyvault" 2>/dev/null)"
  grep -Eq "^Key held by +keychain" <<<"$kept" || {
    echo "smoke: the frozen app did not keep its key in the keychain: $kept" >&2; exit 1; }
fi
step "passed"
