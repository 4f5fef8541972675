# Sourced by the scripts that build before they run something: `build_quiet ARGS...` runs `dotnet build ARGS` without
# its progress lines, and when the build fails prints its errors (once each) and returns 1, so a broken build never
# ends a script with nothing said.
build_quiet() {
  local log status=0
  log="$(mktemp -t sfbridge-build.XXXXXX)"
  dotnet build "$@" --nologo -v quiet >"$log" 2>&1 || status=$?
  if [ "$status" -ne 0 ]; then
    grep -E ': (error|warning) [A-Z]+[0-9]+' "$log" | sed -E 's/ \[[^]]*\]$//' | sort -u | head -40 || true
    grep -qE ': error [A-Z]+[0-9]+' "$log" || tail -20 "$log"
    echo "dotnet build $* failed (exit $status)" >&2
  fi
  rm -f "$log"
  return "$status"
}
