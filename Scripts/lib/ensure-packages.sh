#!/usr/bin/env bash
# Installs Debian packages that are missing (and only those), so a fresh machine needs no manual step.
# Usage: ensure_packages pkg [pkg...]
ensure_packages() {
    local missing=()
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "installing Debian packages: ${missing[*]}" >&2
    $sudo apt-get update -qq >&2 || true
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# The build needs the C libraries the system library targets link against.
ensure_build_dependencies() {
    ensure_packages libsqlite3-dev libssl-dev
    if ! command -v swift >/dev/null 2>&1; then
        for dir in /opt/swift/usr/bin /usr/share/swift/usr/bin; do
            [ -x "$dir/swift" ] && export PATH="$dir:$PATH" && break
        done
    fi
    command -v swift >/dev/null 2>&1 || { echo "Swift 6 toolchain not found (expected on PATH or in /opt/swift)" >&2; exit 1; }
}

# Installs a Python module from PyPI when missing; on a Debian system Python that refuses pip
# (PEP 668) it falls back to the Debian package. Usage: ensure_python_module import_name pypi_name debian_name
ensure_python_module() {
    python3 -c "import $1" 2>/dev/null && return 0
    python3 -m pip install --quiet --disable-pip-version-check "$2" >&2 2>/dev/null \
        || python3 -m pip install --quiet --disable-pip-version-check --break-system-packages "$2" >&2 2>/dev/null \
        || ensure_packages "$3" \
        || echo "warning: could not install $2" >&2
}
