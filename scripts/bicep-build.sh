#!/usr/bin/env bash
# Compiles and lints the Bicep under infra/ with the pinned bicep CLI; exits non-zero on ANY warning or error.
#
#   bash scripts/bicep-build.sh            # from the repository root (or anywhere: paths are resolved from this file)
#
# The CLI comes from the NuGet package Azure.Bicep.CommandLine.linux-x64 (the machines here reach NuGet, not GitHub
# releases). There is no project to restore it into, so the script writes a throwaway csproj in a temp folder and restores
# it with `--packages` into a cache folder; later runs find the executable there and skip the restore.
#   BICEP_VERSION  package version (default below; must be one the NuGet mirror serves)
#   BICEP_CACHE    cache folder (default: ${XDG_CACHE_HOME:-~/.cache}/monitor-bicep)
#   BICEP          path of an existing bicep executable to use instead (skips the restore)
set -euo pipefail

BICEP_VERSION="${BICEP_VERSION:-0.49.2}"
BICEP_CACHE="${BICEP_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/monitor-bicep}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
INFRA="$ROOT/infra"

restore_bicep() {
  # NuGet lower-cases package ids in the packages folder.
  local exe="$BICEP_CACHE/azure.bicep.commandline.linux-x64/$BICEP_VERSION/tools/bicep"
  if [[ ! -x "$exe" ]]; then
    local work
    work="$(mktemp -d)"
    # The temp folder is outside the repository on purpose: the repo's Directory.Build.props / Directory.Packages.props
    # (central versions, analyzers) must not apply to this throwaway project.
    cat >"$work/bicep-fetch.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Azure.Bicep.CommandLine.linux-x64" Version="$BICEP_VERSION" />
  </ItemGroup>
</Project>
EOF
    echo "bicep-build: restoring Azure.Bicep.CommandLine.linux-x64 $BICEP_VERSION into $BICEP_CACHE" >&2
    dotnet restore "$work/bicep-fetch.csproj" --packages "$BICEP_CACHE" --nologo -v quiet >&2
    rm -rf "$work"
    # The package ships the file as rwxr--r--; make sure the current user can run it whatever the umask did.
    chmod u+x "$exe"
  fi
  printf '%s\n' "$exe"
}

command -v jq >/dev/null || { echo "bicep-build: jq is required (apt-get install jq)" >&2; exit 1; }
BICEP="${BICEP:-$(restore_bicep)}"
"$BICEP" --version

LOG="$(mktemp)"
trap 'rm -f "$LOG"' EXIT
status=0

# 1. Compile: type-checks every module against the resource schemas embedded in the CLI.
echo "bicep-build: build infra/main.bicep"
if ! "$BICEP" build "$INFRA/main.bicep" --stdout >/dev/null 2>"$LOG"; then status=1; fi
cat "$LOG"
# The linter also runs during build; its warnings go to stderr while the exit code stays 0, hence the grep.
if grep -Eq ': (Warning|Error) ' "$LOG"; then status=1; fi

# 2. Lint each file (main and every module) with infra/bicepconfig.json, which raises the analyzer rules to errors.
while IFS= read -r -d '' file; do
  rel="${file#"$ROOT"/}"
  echo "bicep-build: lint $rel"
  if ! "$BICEP" lint "$file" >"$LOG" 2>&1; then status=1; fi
  cat "$LOG"
  if grep -Eq ': (Warning|Error) ' "$LOG"; then status=1; fi
done < <(find "$INFRA" -name '*.bicep' -print0 | sort -z)

# 3. The azd parameter file must be valid JSON and name only parameters that main.bicep declares
#    (a typo there is silently ignored by azd and the parameter falls back to its default).
echo "bicep-build: check infra/main.parameters.json"
declared="$("$BICEP" build "$INFRA/main.bicep" --stdout 2>/dev/null | jq -r '.parameters | keys[]')" || declared=""
if [[ -z "$declared" ]]; then
  echo "infra/main.parameters.json: skipped (infra/main.bicep does not compile)" >&2
  status=1
elif ! supplied="$(jq -r '.parameters | keys[]' "$INFRA/main.parameters.json")"; then
  echo "infra/main.parameters.json: Error: not valid JSON" >&2
  status=1
else
  while IFS= read -r name; do
    if ! grep -qx "$name" <<<"$declared"; then
      echo "infra/main.parameters.json: Error: parameter '$name' is not declared in infra/main.bicep" >&2
      status=1
    fi
  done <<<"$supplied"
fi

if [[ $status -ne 0 ]]; then
  echo "bicep-build: FAILED (warnings count as errors)" >&2
else
  echo "bicep-build: OK"
fi
exit $status
