#!/usr/bin/env bash
# Refreshes the API baseline: rebuilds the bundles that export API from the current tree and stores their jars in
# cnf/baseline/ (a file-based Maven repository) under a new version, which it writes into the root pom's property
# liveswap.baseline.version. Run it from anywhere after a deliberate package version bump has been merged, then
# commit cnf/baseline/ and pom.xml. See docs/ARCHITECTURE.md, "API versions and baselining".
#
# A new version each time (not the same one overwritten) because Maven copies a resolved artifact into the local
# repository (~/.m2) and never fetches that version again: an overwritten baseline would silently not be used.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
modules=(platform-core platform-mediators platform-updates)
version="0.1.0-baseline-$(date -u +%Y%m%d%H%M%S)"

mvn -q -pl "$(IFS=,; echo "${modules[*]}")" -am package -DskipTests

for module in "${modules[@]}"; do
    jar="$(ls "$module"/target/"$module"-*.jar | grep -v -e '-sources' -e '-javadoc' | head -n 1)"
    dir="cnf/baseline/io/liveswap/$module"
    rm -rf "$dir"
    mkdir -p "$dir/$version"
    cp "$jar" "$dir/$version/$module-$version.jar"
    cat > "$dir/$version/$module-$version.pom" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>io.liveswap</groupId>
  <artifactId>$module</artifactId>
  <version>$version</version>
  <description>API baseline of $module (made by cnf/rebaseline.sh); not a release.</description>
</project>
POM
done

sed -i "s|<liveswap.baseline.version>[^<]*</liveswap.baseline.version>|<liveswap.baseline.version>$version</liveswap.baseline.version>|" pom.xml
grep -q "<liveswap.baseline.version>$version<" pom.xml || { echo "pom.xml has no liveswap.baseline.version property" >&2; exit 1; }
echo "Baseline $version stored in cnf/baseline/ for: ${modules[*]}. Commit cnf/baseline and pom.xml."
