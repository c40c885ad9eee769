#!/bin/sh
# Install (or upgrade, or remove) the built CareLink Desktop on Linux, with its menu entry,
# AppStream metadata and icons.
#
#   sudo ./install.sh                  install or upgrade in /usr/local
#   sudo ./install.sh --uninstall      remove the program (the care data stays)
#   ./install.sh --prefix ~/.local     for one person only, without root
#
# Run it from the unpacked archive (carelink-desktop/linux/install.sh) or from a checkout after
# `python packaging/build.py` (packaging/linux/install.sh). DESTDIR=... stages the files
# elsewhere, for building a distribution package.
#
# The care data is never in the installation: each person's home folder is in
# ~/.local/share/CareLink Desktop (or wherever CARELINK_HOME points). Upgrading replaces the
# program only; the next login migrates the home after an automatic encrypted backup.
set -eu

APP_ID=uk.carelink.CareLinkDesktop
PREFIX=/usr/local
ACTION=install
while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) PREFIX=$2; shift 2 ;;
        --prefix=*) PREFIX=${1#--prefix=}; shift ;;
        --uninstall) ACTION=uninstall; shift ;;
        -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
        *) echo "install.sh: unknown option $1" >&2; exit 64 ;;
    esac
done
DESTDIR=${DESTDIR:-}
HERE=$(cd "$(dirname "$0")" && pwd)
if [ -x "$HERE/../carelink-desktop" ] && [ -d "$HERE/../_internal" ]; then
    SOURCE=$(cd "$HERE/.." && pwd)                      # the unpacked archive
elif [ -x "$HERE/../dist/carelink-desktop/carelink-desktop" ]; then
    SOURCE=$(cd "$HERE/../dist/carelink-desktop" && pwd) # a checkout after the build
else
    SOURCE=""
fi

ROOT="$DESTDIR$PREFIX"
LIB="$ROOT/lib/carelink-desktop"
BIN="$ROOT/bin"
SHARE="$ROOT/share"
SIZES="16 24 32 48 64 128 256 512"

refresh_caches() {
    [ -z "$DESTDIR" ] || return 0
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$SHARE/applications" 2>/dev/null || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1; then
        gtk-update-icon-cache -q -t "$SHARE/icons/hicolor" 2>/dev/null || true
    fi
}

if [ "$ACTION" = uninstall ]; then
    rm -rf "$LIB"
    rm -f "$BIN/carelink-desktop" "$BIN/carelink"
    rm -f "$SHARE/applications/$APP_ID.desktop" "$SHARE/metainfo/$APP_ID.metainfo.xml"
    for size in $SIZES; do
        rm -f "$SHARE/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
    done
    rm -f "$SHARE/icons/hicolor/scalable/apps/$APP_ID.svg"
    refresh_caches
    echo "CareLink Desktop removed from $ROOT."
    echo "The care data was not touched: each person's home folder stays in ~/.local/share/CareLink Desktop."
    exit 0
fi

if [ -z "$SOURCE" ]; then
    echo "install.sh: no built CareLink Desktop beside this script: run python packaging/build.py first." >&2
    exit 1
fi
ICONS="$SOURCE/_internal/carelink_desktop/resources/icons"

# Upgrade in place: the old program folder is replaced as a whole.
mkdir -p "$ROOT/lib" "$BIN" "$SHARE/applications" "$SHARE/metainfo" "$SHARE/icons/hicolor/scalable/apps"
rm -rf "$LIB.new"
mkdir "$LIB.new"
for item in "$SOURCE"/*; do
    [ "$(basename "$item")" = linux ] || cp -R "$item" "$LIB.new/"
done
rm -rf "$LIB"
mv "$LIB.new" "$LIB"
ln -sf "../lib/carelink-desktop/carelink-desktop" "$BIN/carelink-desktop"
ln -sf "../lib/carelink-desktop/carelink" "$BIN/carelink"

cp "$HERE/$APP_ID.desktop" "$SHARE/applications/$APP_ID.desktop"
cp "$HERE/$APP_ID.metainfo.xml" "$SHARE/metainfo/$APP_ID.metainfo.xml"
for size in $SIZES; do
    mkdir -p "$SHARE/icons/hicolor/${size}x${size}/apps"
    cp "$ICONS/png/carelink-$size.png" "$SHARE/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
done
cp "$ICONS/carelink.svg" "$SHARE/icons/hicolor/scalable/apps/$APP_ID.svg"
refresh_caches
echo "CareLink Desktop installed in $LIB, with carelink-desktop and carelink in $BIN."
