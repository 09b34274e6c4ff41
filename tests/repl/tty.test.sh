#!/bin/sh
# `pine repl` at a real terminal, driven through tmux: prompts, completion, the caret under an
# error, the continuation prompt, Ctrl-C, Ctrl-D and the history file. Each case types keys and
# waits for what the screen must show. Skipped when tmux is not installed.
#   sh tests/repl/tty.test.sh PINE_BIN
set -u
PINE=$1
case $PINE in /*) ;; *) PINE=$(pwd)/$PINE ;; esac
if ! command -v tmux >/dev/null 2>&1; then
    echo "skip tty: tmux is not installed"
    exit 0
fi
T=$(mktemp -d "${TMPDIR:-/tmp}/pine-tty.XXXXXX") || exit 2
N=0
SOCK="$T/tmux0.sock"
tm() { tmux -S "$SOCK" "$@"; }
trap 'tm kill-server 2>/dev/null; rm -rf "$T"' EXIT
DATA=$(pwd)/tests/data/basic.csv

# Starts pine in a fresh tmux server (a new socket each time: a server being killed may still
# answer on the old one).
start() {
    tm kill-server 2>/dev/null
    N=$((N + 1))
    SOCK="$T/tmux$N.sock"
    # the pane outlives pine so that its last screen and exit can be read
    tm -f /dev/null new-session -d -x 100 -y 40 \
        "env HOME='$T' TERM=xterm NO_COLOR=1 '$PINE' repl --data '$DATA'; echo \"[exit \$?]\"; sleep 30"
}

screen() { tm capture-pane -p -t 0; }

# Waits up to 5 s for the screen to contain [1] (a fixed string).
wait_for() {
    i=0
    while [ $i -lt 50 ]; do
        screen | grep -F -q -e "$1" && return 0
        sleep 0.1
        i=$((i + 1))
    done
    return 1
}

expect() {
    if wait_for "$2"; then
        echo "pass $1"
    else
        echo "FAIL $1: the screen does not show \"$2\":"
        screen | sed -e '/^$/d' -e 's/^/    | /' | tail -n 12
    fi
}

# Types [@] and lets pine take it in: libedit drops what is typed ahead of its prompt, as a
# terminal does when a program resets it, so each group of keys waits a little.
keys() {
    tm send-keys -t 0 "$@"
    sleep 0.3
}

start
expect prompt "pine>"

# Tab completes a built-in name: "ta.sup" has one completion, ta.supertrend.
keys 'ta.sup' Tab
expect complete_builtin "pine> ta.supertrend"
keys C-u

# An expression prints its last values (close of bars 5..9: 14 12 15 16 14).
keys 'close' Enter
expect expression "2023-01-01T09:00:00Z  14"

# A variable of the session completes too.
keys 'myvar = close * 3' Enter
keys 'myv' Tab
expect complete_variable "pine> myvar"
keys ' + 0' Enter
expect variable_value "2023-01-01T09:00:00Z  42"

# An error puts a caret under the typed line, after the prompt: `foo` is at column 5 of
# "1 + foo", so the caret is at screen column 6 + 4 = 10 (0-based), underlining 3 characters.
keys '1 + foo' Enter
expect error_message 'error: undeclared identifier `foo`'
expect error_caret "          ^~~"

# A block header continues with the "..." prompt until an empty line.
keys 'if close > 100' Enter
expect continuation "  ..."
keys '    myvar := 0' Enter
keys Enter

# Ctrl-C cancels the line being typed and gives a fresh prompt; nothing runs.
keys 'this is not pine' C-c
keys 'open' Enter
expect ctrl_c_keeps_session "2023-01-01T09:00:00Z  16"
# (tmux trims trailing spaces: the screen lines end at the last character)
if [ "$(screen | grep -c 'error:')" -ne 1 ]; then
    echo "FAIL ctrl_c_cancels: the cancelled line was run"
else
    echo "pass ctrl_c_cancels"
fi

# Ctrl-D quits with status 0.
keys C-d
expect ctrl_d_quits "[exit 0]"

# The history file holds the lines typed, and Up recalls the last one in a new session.
if grep -q '^open$' "$T/.pine_history" 2>/dev/null || grep -q 'open' "$T/.pine_history" 2>/dev/null; then
    echo "pass history_file"
else
    echo "FAIL history_file: $T/.pine_history lacks \"open\""
fi
start
expect prompt_again "pine>"
keys Up
expect history_recall "pine> open"
keys C-u ':quit' Enter
expect quit_command "[exit 0]"
