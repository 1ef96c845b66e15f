# Sourced by ./mvnw before it starts Maven: makes sure Maven runs on a JDK the project builds with.
#
# The project targets Java 21. A newcomer's JAVA_HOME (or the `java` on PATH) is often an older JDK,
# the system default, while a newer one is installed beside it; the build would then stop at its first
# step. So: keep the JDK in use if it is 21 or newer, otherwise use the newest JDK 21+ found in the
# usual install locations and say so, otherwise stop with what to install.
# POSIX sh: mvnw runs under /bin/sh with `set -euf`.

mvnw_required_java=21

mvnw_java_major() {
  "$1" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'
}

mvnw_select_jdk() {
  current="${JAVA_HOME:+$JAVA_HOME/bin/java}"
  [ -n "$current" ] || current="$(command -v java 2>/dev/null || true)"
  if [ -n "$current" ] && [ -x "$current" ]; then
    major="$(mvnw_java_major "$current")"
    if [ -n "$major" ] && [ "$major" -ge "$mvnw_required_java" ]; then
      return 0
    fi
  else
    major=none
  fi
  best_home=
  best_major=0
  set +f # the wrapper disables globbing; the search needs it
  for home in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
      "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || continue
    candidate="$(mvnw_java_major "$home/bin/java")"
    if [ -n "$candidate" ] && [ "$candidate" -ge "$mvnw_required_java" ] && [ "$candidate" -gt "$best_major" ]; then
      best_home="$home"
      best_major="$candidate"
    fi
  done
  set -f
  if [ -z "$best_home" ]; then
    echo "This project needs a JDK $mvnw_required_java or newer; ${current:-no java} is Java $major and none was found" \
      "in the usual places. Install one (e.g. Temurin 21) and point JAVA_HOME at it." >&2
    exit 1
  fi
  echo "mvnw: ${current:-no java} is Java $major; using Java $best_major at $best_home (set JAVA_HOME to choose another)." >&2
  JAVA_HOME="$best_home"
  export JAVA_HOME
}

mvnw_select_jdk
