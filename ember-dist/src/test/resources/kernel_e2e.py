"""Drives the Ember kernel through Jupyter's own client libraries, as a front end would.

Run by KernelIT with JUPYTER_PATH pointing at an installed kernelspec named 'ember'. Prints one 'ok NAME' line per
check and exits with 1 and the reason at the first one that fails. The kernel's standard error goes to argv[1].
"""
import re
import sys
import time

import jupyter_client
import nbclient
import nbformat
from nbformat.v4 import new_code_cell, new_notebook

LOG = sys.argv[1]
TIMEOUT = 120


def check(name, condition, detail=""):
    if not condition:
        print(f"FAILED {name}: {detail}", flush=True)
        sys.exit(1)
    print(f"ok {name}", flush=True)


def reply_to(kc, msg_id, channel="shell"):
    deadline = time.monotonic() + TIMEOUT
    get = kc.get_shell_msg if channel == "shell" else kc.get_control_msg
    while time.monotonic() < deadline:
        msg = get(timeout=TIMEOUT)
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg
    raise TimeoutError(f"no reply to {msg_id}")


def run(kc, code, **kwargs):
    outputs = []
    reply = kc.execute_interactive(
        code, timeout=TIMEOUT, output_hook=lambda m: outputs.append((m["msg_type"], m["content"])), **kwargs)
    return reply["content"], outputs


def of_type(outputs, msg_type):
    return [content for kind, content in outputs if kind == msg_type]


def result(outputs):
    """The text of a cell's execute_result, or None."""
    results = of_type(outputs, "execute_result")
    return results[0]["data"]["text/plain"] if results else None


def iopub_until(kc, predicate):
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        msg = kc.get_iopub_msg(timeout=TIMEOUT)
        if predicate(msg):
            return msg
    raise TimeoutError("no such iopub message")


km = jupyter_client.KernelManager(kernel_name="ember")
km.start_kernel(stderr=open(LOG, "w"))
kc = km.blocking_client()
kc.start_channels()
kc.wait_for_ready(timeout=TIMEOUT)

info = reply_to(kc, kc.kernel_info())["content"]
check("kernel_info", info["status"] == "ok" and info["language_info"]["name"] == "java"
      and info["protocol_version"] == "5.3" and info["implementation"] == "ember", info)

reply, out = run(kc, 'System.out.println("to stdout"); System.err.println("to stderr"); 6 * 7')
streams = {c["name"]: c["text"] for c in of_type(out, "stream")}
check("execute: stdout", "to stdout\n" in streams.get("stdout", ""), out)
check("execute: stderr", "to stderr\n" in streams.get("stderr", ""), out)
results = of_type(out, "execute_result")
check("execute: result", reply["status"] == "ok" and results and results[0]["data"]["text/plain"] == "42", out)
check("execute: count", reply["execution_count"] == 1 and results[0]["execution_count"] == 1, reply)
check("execute: input broadcast", of_type(out, "execute_input")[0]["execution_count"] == 1, out)

reply, out = run(kc, "int base = 40;\nint next(int x) { return x + 1; }")
check("definitions", reply["status"] == "ok" and not of_type(out, "execute_result"), out)
reply, out = run(kc, "next(base) + 1")
check("definitions persist", result(out) == "42", out)

reply, out = run(kc, 'throw new IllegalStateException("boom");')
errors = of_type(out, "error")
check("runtime error", reply["status"] == "error" and reply["ename"] == "java.lang.IllegalStateException"
      and reply["evalue"] == "boom" and errors and errors[0]["traceback"], reply)
reply, out = run(kc, 'int wrong = "text";')
check("compile error", reply["status"] == "error" and reply["ename"] == "CompilationError"
      and any("int wrong" in line for line in reply["traceback"]), reply)
count_before = reply["execution_count"]
reply, out = run(kc, "1 + 1", silent=True)
check("silent", reply["status"] == "ok" and not of_type(out, "execute_result")
      and reply["execution_count"] == count_before, (reply, out))

reply, out = run(kc, 'java.util.List.of(new dev.ember.Pair<>("a<b", 1), new dev.ember.Pair<>("c", 2))')
rich = of_type(out, "execute_result")[0]["data"] if of_type(out, "execute_result") else {}
check("a collection of pairs renders as a table", "<th>key</th><th>value</th>" in rich.get("text/html", "")
      and "<td>a&lt;b</td>" in rich["text/html"] and "text/plain" in rich, rich)

# SQL: 'spark' is bound, a Dataset result is an HTML table (text: Dataset.show's), %%sql cells run statements.
reply, out = run(kc, 'spark.sql("SELECT 1 AS x")')
rich = of_type(out, "execute_result")[0]["data"] if of_type(out, "execute_result") else {}
check("a Dataset renders as an HTML table", reply["status"] == "ok" and "<th>x</th>" in rich.get("text/html", "")
      and "<td>1</td>" in rich["text/html"] and "|  x|" in rich.get("text/plain", ""), (reply, out))
reply, out = run(kc, "%%sql\nCREATE TEMPORARY VIEW nums AS SELECT id, id * id AS sq FROM range(30);\n"
                     "SELECT id, sq, '<b>' AS tag FROM nums ORDER BY id")
rich = of_type(out, "execute_result")[0]["data"] if of_type(out, "execute_result") else {}
html = rich.get("text/html", "")
check("a %%sql cell shows its last result as a table", reply["status"] == "ok" and "<th>sq</th>" in html
      and "<td>19</td><td>361</td><td>&lt;b&gt;</td>" in html and "<td>20</td>" not in html
      and "only showing top 20 rows" in html, (reply, out))
reply, out = run(kc, "%%sql\nSELECT FROM WHERE")
check("a failing %%sql cell shows the caret", reply["status"] == "error"
      and reply["ename"] == "dev.ember.EmberException" and "PARSE_SYNTAX_ERROR" in reply["evalue"]
      and any(line.strip() == "^" for line in reply["traceback"])
      and not any(line.startswith("\tat ") for line in reply["traceback"]), reply)
reply, out = run(kc, "spark.table(\"nums\").count()")
check("%%sql views are spark's", result(out) == "30", out)

reply, out = run(kc, 'System.out.println("gone soon");\nNotebook.clearOutput();')
check("Notebook.clearOutput", of_type(out, "clear_output") and of_type(out, "stream"), out)

reply, out = run(kc, 'Notebook.display(java.util.List.of(new Pair<>("k", 1)));\n"after"')
shown = of_type(out, "display_data")
check("Notebook.display shows a value in the cell", shown and "<td>k</td>" in shown[0]["data"].get("text/html", "")
      and result(out) == '"after"', out)

slow = ("ctx.parallelize(java.util.List.of(1, 2, 3, 4), 2).map(x -> {\n"
        "    try { Thread.sleep(800); } catch (InterruptedException e) { throw new RuntimeException(e); }\n"
        "    return x;\n"
        "}).count()")
reply, out = run(kc, slow)
bars = [c for c in of_type(out, "display_data") if c.get("transient", {}).get("display_id", "").startswith("ember-progress")]
check("a running job shows a progress bar", bars and "[Stage" in bars[0]["data"]["text/plain"]
      and "<progress" in bars[0]["data"]["text/html"] and result(out) == "4", out)
check("the progress bar links the stage's page in the application UI",
      bars and re.search(r'href="http://[^"]+:\d+/stages/stage/\?id=\d+&amp;attempt=0"', bars[0]["data"]["text/html"]),
      bars)


def timed_run(kc, code):
    """Runs code; returns its reply, its outputs with their arrival in seconds after the request, and when it ended."""
    start = time.monotonic()
    arrivals = []
    reply = kc.execute_interactive(code, timeout=TIMEOUT, output_hook=lambda m: arrivals.append(
        (time.monotonic() - start, m["msg_type"], m["content"])))
    return reply["content"], arrivals, time.monotonic() - start


# Live output: what a cell prints or displays reaches the front end while the cell runs. Each check compares an
# arrival with the end of the cell, which comes a known time of sleeping in the cell later; a slow machine only
# makes the gap larger.
reply, arrivals, end = timed_run(kc, 'for (int i = 0; i < 3; i++) { System.out.println("tick " + i); Thread.sleep(1000); }')
ticks = [(at, c["text"]) for at, kind, c in arrivals if kind == "stream"]
check("printed lines arrive as they are printed", "".join(text for _, text in ticks) == "tick 0\ntick 1\ntick 2\n"
      and ticks[0][0] < end - 1.8 and ticks[1][0] < end - 0.8, (ticks, end))
reply, arrivals, end = timed_run(kc, 'Notebook.display("early");\nThread.sleep(2000);')
shown = [at for at, kind, c in arrivals if kind == "display_data" and c["data"].get("text/plain") == "early"]
check("a display arrives when it is made", shown and shown[0] < end - 1.5, (arrivals, end))

# The progress bar moves while its job runs, names the cell's line, is not typeset as math, and is removed before
# its cell ends. Two waves of tasks of 1.5 s: the bar shows, then moves at the end of the first wave.
waves = ("long waves = ctx.parallelize(java.util.List.of(1, 2, 3, 4, 5, 6, 7, 8), 2 * ctx.defaultParallelism())\n"
         "    .map(x -> { Thread.sleep(1500); return x; })\n"
         "    .count();")
reply, arrivals, end = timed_run(kc, waves)
bar = [(at, kind, c) for at, kind, c in arrivals
       if c.get("transient", {}).get("display_id", "").startswith("ember-progress")]
drawn = [(at, c["data"]["text/plain"]) for at, kind, c in bar if c["data"].get("text/plain")]
check("the progress bar shows while its job runs", bar and bar[0][1] == "display_data" and bar[0][0] < end - 1.0,
      (arrivals, end))
check("the progress bar moves while its job runs", len({text for _, text in drawn}) >= 2
      and any("50%" in text and at < end - 0.5 for at, text in drawn), (drawn, end))
check("the progress bar names the cell and line", f"count at cell [{reply['execution_count']}], line 3"
      in bar[0][2]["data"]["text/html"] and "tex2jax_ignore" in bar[0][2]["data"]["text/html"], bar[0])
check("the progress bar is removed before its cell ends", bar[-1][1] == "update_display_data"
      and bar[-1][2]["data"]["text/plain"] == "" and bar[-1][2]["data"]["text/html"] == "", bar[-1])

# A failing task: one warning for the four attempts, and a traceback of the cell's lines without the scheduler's.
reply, out = run(kc, "int bad = 3;\nctx.parallelize(java.util.List.of(1, 2, 3, 4), 2)\n"
                     "    .map(x -> { if (x == bad) throw new IllegalStateException(\"bad \" + x); return x; })\n"
                     "    .count()")
warnings = [line for c in of_type(out, "stream") if c["name"] == "stderr" for line in c["text"].splitlines()
            if "Lost task" in line]
check("a failing task warns once", len(warnings) == 1 and "bad 3" in warnings[0], of_type(out, "stream"))
cell = reply["execution_count"]
check("a failing task's traceback names the cell's lines", reply["status"] == "error"
      and reply["traceback"][1].startswith("\tat dev.ember.RDDActions.count(")
      and reply["traceback"][2:] == [f"\tat cell [{cell}], line 4", "Caused by: java.lang.IllegalStateException: bad 3",
                                     f"\tat a lambda (cell [{cell}], line 3)"], reply)

reply, out = run(kc, '%maven org.apache.commons:commons-lang3:3.17.0\norg.apache.commons.lang3.StringUtils.reverse("abc")')
check("%maven adds a library", result(out) == '"cba"'
      and any("Added commons-lang3" in c["text"] for c in of_type(out, "stream")), out)
reply, out = run(kc, "%nope")
check("an unknown magic is an error", reply["status"] == "error" and reply["ename"] == "MagicError", reply)

reply, out = run(kc, "ctx.parallelize(java.util.List.of(1, 2, 3, 4), 2).map(x -> x * 10).reduce(Integer::sum)")
check("ember job with a lambda", result(out) == "100", out)

for code, status in [("for (int i = 0; i < 3; i++) {", "incomplete"), ("1 + 1", "complete"),
                     ("int x = 1; int y = 2;", "complete")]:
    content = reply_to(kc, kc.is_complete(code))["content"]
    check(f"is_complete {status}", content["status"] == status, (code, content))

content = reply_to(kc, kc.complete("Strin", 5))["content"]
check("complete", "String" in content["matches"] and content["cursor_start"] == 0 and content["cursor_end"] == 5,
      content)
content = reply_to(kc, kc.inspect("String", 6))["content"]
check("inspect", content["found"] and "String" in content["data"]["text/plain"], content)

content = reply_to(kc, kc.history(hist_access_type="tail", n=50))["content"]
check("history", any("next(base)" in entry[2] for entry in content["history"]), content)

reply, out = run(kc, 'String name = new java.util.Scanner(System.in).nextLine();\n"hello " + name',
                 allow_stdin=True, stdin_hook=lambda msg: kc.input("Ember"))
check("stdin", result(out) == '"hello Ember"', (reply, out))

comm = kc.session.msg("comm_open", {"comm_id": "echo-1", "target_name": "ember.echo", "data": {}})
kc.shell_channel.send(comm)
kc.shell_channel.send(kc.session.msg("comm_msg", {"comm_id": "echo-1", "data": {"ping": 7}}))
echoed = iopub_until(kc, lambda m: m["msg_type"] == "comm_msg" and m["content"]["comm_id"] == "echo-1")
check("comm round trip", echoed["content"]["data"] == {"ping": 7}, echoed["content"])
comms = reply_to(kc, kc.comm_info())["content"]["comms"]
check("comm_info", "echo-1" in comms and comms["echo-1"]["target_name"] == "ember.echo", comms)
kc.shell_channel.send(kc.session.msg("comm_open", {"comm_id": "nobody-1", "target_name": "no.such.target", "data": {}}))
closed = iopub_until(kc, lambda m: m["msg_type"] == "comm_close" and m["content"]["comm_id"] == "nobody-1")
check("comm to an unknown target is closed", closed is not None)

# Comms from cells: a cell opens a comm to a front-end target and answers its messages; another registers a target
# the front end opens.
reply, out = run(kc, 'var toFront = CellComms.open("ember.test", java.util.Map.of("hello", 1));\n'
                     'toFront.onMessage(data -> toFront.send(java.util.Map.of("got", data)));')
check("a cell opens a comm", reply["status"] == "ok", (reply, out))
# Published as the cell's output if it came while the cell ran, else later.
opened = [c for c in of_type(out, "comm_open") if c["target_name"] == "ember.test"]
if not opened:
    opened = [iopub_until(kc, lambda m: m["msg_type"] == "comm_open"
                          and m["content"]["target_name"] == "ember.test")["content"]]
check("comm_open from a cell", opened[0]["data"] == {"hello": 1}, opened)
cell_comm = opened[0]["comm_id"]
kc.shell_channel.send(kc.session.msg("comm_msg", {"comm_id": cell_comm, "data": {"x": 2}}))
answered = iopub_until(kc, lambda m: m["msg_type"] == "comm_msg" and m["content"]["comm_id"] == cell_comm)
check("a cell's comm answers the front end", answered["content"]["data"] == {"got": {"x": 2}}, answered["content"])
reply, out = run(kc, 'CellComms.registerTarget("ember.cell", comm -> comm.onMessage(data -> comm.send(data)));')
check("a cell registers a target", reply["status"] == "ok", (reply, out))
kc.shell_channel.send(kc.session.msg("comm_open", {"comm_id": "cell-1", "target_name": "ember.cell", "data": {}}))
kc.shell_channel.send(kc.session.msg("comm_msg", {"comm_id": "cell-1", "data": {"v": 3}}))
echoed = iopub_until(kc, lambda m: m["msg_type"] == "comm_msg" and m["content"]["comm_id"] == "cell-1")
check("a cell's target answers the front end", echoed["content"]["data"] == {"v": 3}, echoed["content"])

# Bad input on the shell socket: the kernel drops it, says so in its log, and keeps serving.
socket = kc.shell_channel.socket
good = kc.session.msg("kernel_info_request", {})
frames = kc.session.serialize(good)
socket.send_multipart(frames[:2] + [b"0" * 64] + frames[3:])  # wrong signature
socket.send_multipart([b"<IDS|MSG>", b"x"])  # truncated
socket.send_multipart([b"<IDS|MSG>", b""] + [b"{not json"] * 4)
socket.send_multipart(frames)
socket.send_multipart(frames)  # a replay of the message just sent
kc.shell_channel.send(kc.session.msg("no_such_request", {}))
first = kc.get_shell_msg(timeout=TIMEOUT)
check("a valid message after garbage is answered", first["parent_header"]["msg_id"] == good["header"]["msg_id"])
reply, out = run(kc, "2 + 2")
check("still serving after garbage", result(out) == "4", out)

# Interrupt (message mode) a cell waiting for an Ember job whose tasks never end: the cell stops with an error, the
# job is cancelled and its tasks interrupted (the next job gets the task slots), and the kernel goes on.
# The cell starts a job in the background, then waits for another: the interrupt cancels both (the cell's job group).
sleepy = ("ctx.parallelize(java.util.List.of(1, 2), 2).map(x -> {\n"
          "    try { Thread.sleep(600_000); } catch (InterruptedException e) { throw new RuntimeException(e); }\n"
          "    return x;\n"
          "})")
msg_id = kc.execute("var background = " + sleepy + ".countAsync();\n" + sleepy + ".count()")
iopub_until(kc, lambda m: m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "execute_input")
km.interrupt_kernel()
reply = reply_to(kc, msg_id)["content"]
check("interrupt stops the cell", reply["status"] == "error" and reply["ename"] == "Interrupted", reply)
reply, out = run(kc, "ctx.parallelize(java.util.List.of(1, 2, 3), 3).count()")
check("interrupt cancels the cell's jobs, in the background too", result(out) == "3", out)
reply, out = run(kc, "base")
check("definitions survive an interrupt", result(out) == "40", out)

# A cell that exits its JVM: the interpreter starts again, the kernel stays.
reply, out = run(kc, "System.exit(3);")
check("a cell that exits its JVM is an error", reply["status"] == "error" and reply["ename"] == "InterpreterDied", reply)
reply, out = run(kc, "1 + 2")
check("the interpreter restarts after an exit", result(out) == "3"
      and any("started again" in c["text"] for c in of_type(out, "stream")), out)

# A cell that exhausts the interpreter's heap (768m here): that JVM ends, the kernel does not.
reply, out = run(kc, "var hog = new java.util.ArrayList<long[]>();\nwhile (true) { hog.add(new long[8_000_000]); }")
check("running out of memory ends the interpreter", reply["status"] == "error", reply)
reply, out = run(kc, "2 + 3")
check("the interpreter restarts after running out of memory", result(out) == "5", out)

km.restart_kernel(now=False)
kc.wait_for_ready(timeout=TIMEOUT)
reply, out = run(kc, "1")
check("restart", reply["status"] == "ok" and reply["execution_count"] == 1, reply)

kc.stop_channels()
km.shutdown_kernel(now=False)
check("shutdown", not km.is_alive())

# A whole notebook, run headless the way nbconvert does.
notebook = new_notebook(cells=[
    new_code_cell("java.util.function.Function<Integer, Integer> square = x -> x * x;"),
    new_code_cell("ctx.parallelize(java.util.List.of(1, 2, 3), 3).map(x -> square.apply(x)).collect()"),
    new_code_cell('System.out.println("done");'),
    new_code_cell(slow),
])
nbclient.NotebookClient(notebook, kernel_name="ember", timeout=TIMEOUT).execute()
result = notebook.cells[1].outputs[0]
check("notebook", result["output_type"] == "execute_result" and result["data"]["text/plain"] == "[1, 4, 9]",
      notebook.cells[1].outputs)
check("notebook stdout", notebook.cells[2].outputs[0]["text"] == "done\n", notebook.cells[2].outputs)
check("a saved notebook keeps no progress bar", notebook.cells[3].outputs
      and not any("[Stage" in str(output.get("data", {})) for output in notebook.cells[3].outputs),
      notebook.cells[3].outputs)
# On local-cluster: a record and lambdas defined in cells run in executor processes, which fetch the cells' classes
# from the driver (the interpreter's JVM).
cluster_notebook = new_notebook(cells=[
    new_code_cell("record Square(int side) implements java.io.Serializable { int area() { return side * side; } }"),
    new_code_cell("long driver = ProcessHandle.current().pid();"),
    new_code_cell("%maven org.apache.commons:commons-lang3:3.17.0"),
    new_code_cell("ctx.parallelize(java.util.List.of(1, 2, 3), 3)"
                  ".map(x -> org.apache.commons.lang3.StringUtils.repeat(\"ab\", x)).collect()"),
    new_code_cell("ctx.parallelize(java.util.List.of(1, 2, 3, 4), 4).map(x -> new Square(x).area())"
                  ".reduce(Integer::sum)"),
    new_code_cell("ctx.parallelize(java.util.List.of(1, 2, 3, 4), 4).map(x -> ProcessHandle.current().pid())"
                  ".filter(pid -> pid != driver).count()"),
    new_code_cell("int k = 3;\nvar names = java.util.Map.of(1, \"one\", 2, \"two\");"),
    new_code_cell("ctx.parallelize(java.util.List.of(1, 2), 2).map(x -> x * k + names.get(x)).collect()"),
    new_code_cell("int bump(int x) { return x + 1; }"),
    new_code_cell("ctx.parallelize(java.util.List.of(1, 2, 3, 4), 4).map(x -> bump(x)).collect()"),
    new_code_cell("int bump(int x) { return x + 100; }"),
    new_code_cell("ctx.parallelize(java.util.List.of(1, 2, 3, 4), 4).map(x -> bump(x)).collect()"),
])
nbclient.NotebookClient(cluster_notebook, kernel_name="ember-cluster", timeout=TIMEOUT).execute()
lang = [o for o in cluster_notebook.cells[3].outputs if o["output_type"] == "execute_result"]
check("a library from %maven on local-cluster executors", lang and lang[0]["data"]["text/plain"] == "[ab, abab, ababab]",
      cluster_notebook.cells[3].outputs)
area = cluster_notebook.cells[4].outputs[0]
check("a cell's record and lambda on local-cluster executors", area["data"]["text/plain"] == "30",
      cluster_notebook.cells[4].outputs)
remote = cluster_notebook.cells[5].outputs[0]
check("the tasks ran in executor processes", remote["data"]["text/plain"] == "4", cluster_notebook.cells[5].outputs)
variables = cluster_notebook.cells[7].outputs[0]
check("variables of cells reach local-cluster executors", variables["data"]["text/plain"] == "[3one, 6two]",
      cluster_notebook.cells[7].outputs)
before = cluster_notebook.cells[9].outputs[0]
after = cluster_notebook.cells[11].outputs[0]
check("a method defined again runs its new code on local-cluster executors",
      before["data"]["text/plain"] == "[2, 3, 4, 5]" and after["data"]["text/plain"] == "[101, 102, 103, 104]",
      (cluster_notebook.cells[9].outputs, cluster_notebook.cells[11].outputs))
print("all checks passed", flush=True)
