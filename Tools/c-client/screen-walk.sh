#!/bin/sh
# Drives kiosk-screen in a tmux terminal through sign-in -> register a child -> record a visit ->
# sign out -> quit, as a worker would type it, and fails unless the screen answered each step and the
# program ended with status 0. Used by `make screen-valgrind-check` with valgrind as the runner.
#   screen-walk.sh RUNNER SCREEN LABELS_DIR WORK_DIR HOST PORT KIOSK CREDENTIAL WORKER PIN
# RUNNER is put before the program ("" to run it bare). The worker: a village director (the village
# code is taken from the worker's jurisdiction).
set -eu
[ $# -eq 10 ] || { echo "usage: screen-walk.sh RUNNER SCREEN LABELS_DIR WORK_DIR HOST PORT KIOSK CREDENTIAL WORKER PIN" >&2; exit 64; }
runner=$1 screen=$2 labels=$3 work=$4 host=$5 port=$6 kiosk=$7 credential=$8 worker=$9
shift 9
pin=$1
socket="screen-walk-$$"
command -v tmux >/dev/null || { echo "screen-walk.sh: tmux is not installed" >&2; exit 69; }
mkdir -p "$work"
rm -f "$work/exit"
t() { tmux -L "$socket" -f /dev/null "$@"; }
cleanup() { t kill-server 2>/dev/null || true; }
trap cleanup EXIT

# The program's exit status lands in $work/exit when it ends. The credential goes in the environment,
# so that it shows neither in the process list nor in valgrind's log (which names the command).
# KIOSK_CA (the county CA's certificate), when set, makes the screen connect with TLS.
t new-session -d -s walk -x 100 -y 30 \
    "LANG=C.UTF-8 KIOSK_CA='${KIOSK_CA:-}' KIOSK_CREDENTIAL='$credential' $runner '$screen' --host '$host' --port '$port' --kiosk '$kiosk' \
     --labels '$labels' --outbox-dir '$work' --retry-seconds 1 2> '$work/stderr'; echo \$? > '$work/exit'; sleep 600"

pane() { t capture-pane -p -t walk; }
# Waits up to 90 s (valgrind is slow) for any of the texts; prints which one appeared.
wait_for() {
    i=0
    while [ $i -lt 900 ]; do
        screen_now=$(pane)
        for text in "$@"; do
            case "$screen_now" in *"$text"*) echo "$text"; return 0 ;; esac
        done
        sleep 0.1
        i=$((i + 1))
    done
    echo "screen-walk.sh: waited in vain for: $*" >&2
    pane >&2
    [ -s "$work/stderr" ] && cat "$work/stderr" >&2
    exit 1
}
keys() { t send-keys -t walk "$@"; }
text() { t send-keys -t walk -l "$1"; }

wait_for "请输入工号和密码" >/dev/null
text "$worker"; keys Tab; text "$pin"; keys Enter
wait_for "今日工作" >/dev/null
echo "screen-walk: signed in"

keys 2
wait_for "姓名、性别、出生日期" >/dev/null
text "王小莲"; keys Tab; keys 2; keys Tab; text "2019-04-23"; keys Tab Tab Tab; keys 1
keys F5
answer=$(wait_for "已登记：" "是同一个孩子吗")
if [ "$answer" = "是同一个孩子吗" ]; then
    # Registered before (a second run on the same database): none of them, register anyway.
    keys End Up Enter
    wait_for "已登记：" >/dev/null
fi
keys Enter
wait_for "儿童档案" >/dev/null
echo "screen-walk: registered 王小莲"

keys v
wait_for "走访日期" >/dev/null
keys Tab; text "在家，精神好"; keys Tab; keys 1; keys F5
wait_for "走访已记录" >/dev/null
keys Enter
echo "screen-walk: recorded a visit"

keys Escape
wait_for "今日工作" >/dev/null
keys F10
wait_for "继续工作" >/dev/null
keys 1
wait_for "请输入工号和密码" >/dev/null
keys Escape
wait_for "关闭程序" >/dev/null
keys 1
i=0
while [ ! -s "$work/exit" ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
status=$(cat "$work/exit" 2>/dev/null || echo "none")
echo "screen-walk: the program ended with status $status"
[ "$status" = 0 ]
