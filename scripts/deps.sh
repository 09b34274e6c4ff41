#!/bin/sh
# Installs the build dependencies that are missing (Debian/Ubuntu through apt-get),
# or says exactly what to install elsewhere. Called by make before the first build.
set -e

need=""
have_header() { printf '#include <%s>\n' "$1" | ${CC:-cc} -E -x c - >/dev/null 2>&1; }

# Optional tool sets, only for the make targets that use them: `deps.sh fuzz` (make fuzz: clang
# with its libFuzzer and sanitizer runtimes), `deps.sh tsan` (make tsan: gcc's ThreadSanitizer
# runtime, a package of its own on Debian), `deps.sh valgrind` (make valgrind), `deps.sh format`
# (make check-format).
case ${1:-} in
fuzz)
    if ! command -v clang >/dev/null 2>&1; then
        need="$need clang"
    else
        v=$(clang -dumpversion | cut -d. -f1)
        printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return 0; }\n' |
            clang -fsanitize=fuzzer,address,undefined -x c - -o /dev/null >/dev/null 2>&1 ||
            need="$need libclang-rt-$v-dev"
    fi
    ;;
tsan)
    printf 'int main(void) { return 0; }\n' |
        ${CC:-cc} -fsanitize=thread -x c - -o /dev/null >/dev/null 2>&1 || need="$need libtsan2"
    ;;
valgrind) command -v valgrind >/dev/null 2>&1 || need="$need valgrind" ;;
format) command -v clang-format >/dev/null 2>&1 || need="$need clang-format" ;;
esac

command -v flex  >/dev/null 2>&1 || need="$need flex"
command -v bison >/dev/null 2>&1 || need="$need bison"
have_header csv.h      || need="$need libcsv-dev"
have_header utf8proc.h || need="$need libutf8proc-dev"
have_header editline/readline.h || need="$need libedit-dev"
command -v timeout >/dev/null 2>&1 || need="$need coreutils"
[ -e /usr/share/zoneinfo/America/New_York ] || need="$need tzdata"

[ -z "$need" ] && exit 0

if command -v apt-get >/dev/null 2>&1; then
    sudo=""
    if [ "$(id -u)" != 0 ]; then
        command -v sudo >/dev/null 2>&1 || {
            echo "deps: missing:$need; run as root or install sudo" >&2; exit 1; }
        sudo="sudo"
    fi
    echo "deps: installing:$need" >&2
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq >&2 || true
    # shellcheck disable=SC2086
    $sudo apt-get install -y -qq $need >&2
else
    echo "deps: missing:$need" >&2
    echo "deps: install these with your system's package manager (Debian names:$need)" >&2
    exit 1
fi
