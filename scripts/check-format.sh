#!/usr/bin/env bash
# Checks that every tracked C++ file is formatted as .clang-format says (clang-format 14 from
# Debian); prints the files that are not. Run by CTest as `formatting`; scripts/dev.sh format
# applies the style.
set -euo pipefail
cd "${1:-$(dirname "$0")/..}"
git ls-files -z '*.cpp' '*.h' | xargs -0 clang-format --dry-run --Werror
echo "formatting: every file as .clang-format says"
