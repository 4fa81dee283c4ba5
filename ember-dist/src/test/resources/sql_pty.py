"""Drives 'bin/ember sql' at a pseudo-terminal, as a person at an xterm would. Used by SqlCliIT.

argv: the bin/ember path, then its arguments. Answers the terminal queries JLine sends (device attributes, cursor
position), types statements over two lines, a wrong one, a line dropped with Ctrl-C, and leaves with Ctrl-D.
Prints what the terminal showed, then 'EXIT <code>'; exits 1 with the reason when something does not appear in time.
"""
import fcntl
import os
import pty
import select
import struct
import sys
import termios
import time

pid, fd = pty.fork()
if pid == 0:
    os.environ["TERM"] = "xterm"
    os.execv(sys.argv[1], sys.argv[1:])
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 160, 0, 0))
screen = b""
mark = 0


def wait_for(token, timeout=90):
    global screen, mark
    deadline = time.monotonic() + timeout
    while token not in screen[mark:]:
        ready, _, _ = select.select([fd], [], [], max(0, deadline - time.monotonic()))
        if not ready:
            print(screen.decode("utf-8", "replace"))
            print(f"TIMEOUT waiting for {token!r}", flush=True)
            os.kill(pid, 9)
            sys.exit(1)
        try:
            data = os.read(fd, 4096)
        except OSError:
            print(screen.decode("utf-8", "replace"))
            print(f"ENDED waiting for {token!r}", flush=True)
            sys.exit(1)
        screen += data
        if b"\x1b[c" in data:
            os.write(fd, b"\x1b[?62;c")
        if b"\x1b[6n" in data:
            os.write(fd, b"\x1b[1;1R")
    mark = screen.index(token, mark) + len(token)


wait_for(b"ember-sql> ")
os.write(fd, b"SELECT 1 AS one,\r")
wait_for(b"         > ")
os.write(fd, b"  'a' AS two;\r")
wait_for(b"Fetched 1 row(s)")
wait_for(b"ember-sql> ")
os.write(fd, b"SELECT nope FROM;\r")
wait_for(b"PARSE_SYNTAX_ERROR")
wait_for(b"ember-sql> ")
os.write(fd, b"SELECT half\r")
wait_for(b"         > ")
os.write(fd, b"\x03")
wait_for(b"ember-sql> ")
os.write(fd, b"SELECT 7 AS seven;\r")
wait_for(b"Fetched 1 row(s)")
wait_for(b"ember-sql> ")
os.write(fd, b"\x04")
_, status = os.waitpid(pid, 0)
print(screen.decode("utf-8", "replace"))
print(f"EXIT {os.waitstatus_to_exitcode(status)}", flush=True)
