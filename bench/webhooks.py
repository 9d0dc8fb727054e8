"""The load of bench/webhooks against one running shop server (port in argv[1]) whose
ORDER_PAID_URL, with HOOKED=1, is this process's receiver (RECEIVER_PORT): admin@example.com
(registered and made an admin by the caller) creates orders, then marks them paid at RATE a
second for SECONDS_PER_RUN seconds. The receiver checks each signature, records each event's
arrival and answers 204. Prints one JSON line of figures."""
import asyncio, hashlib, hmac, json, os, statistics, sys, time

PORT, RECEIVER_PORT = int(sys.argv[1]), int(os.environ["RECEIVER_PORT"])
RATE, SECONDS, HOOKED = int(os.environ["RATE"]), int(os.environ["SECONDS_PER_RUN"]), os.environ["HOOKED"] == "1"
SECRET = os.environ["SECRET"].encode()
arrivals = {}  # order id -> [arrival times]
bad_signatures = 0


async def call(method, path, body=None, token=None):
    reader, writer = await asyncio.open_connection("127.0.0.1", PORT)
    data = json.dumps(body).encode() if body is not None else b""
    head = f"{method} {path} HTTP/1.1\r\nHost: bench\r\nConnection: close\r\nContent-Length: {len(data)}\r\n"
    if body is not None: head += "Content-Type: application/json\r\n"
    if token: head += f"Authorization: Bearer {token}\r\n"
    writer.write(head.encode() + b"\r\n" + data)
    await writer.drain()
    response = await reader.read()
    writer.close()
    status = int(response.split(b" ", 2)[1])
    text = response.split(b"\r\n\r\n", 1)[1]
    return status, (json.loads(text) if text.strip() else None)


async def receive(reader, writer):
    """A webhook receiver on a kept-alive connection: verify, record, answer 204."""
    global bad_signatures
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            headers = {}
            for line in head.decode().split("\r\n")[1:]:
                if ":" in line:
                    name, value = line.split(":", 1)
                    headers[name.strip().lower()] = value.strip()
            body = await reader.readexactly(int(headers.get("content-length", "0")))
            arrived = time.monotonic()
            parts = dict(part.split("=", 1) for part in headers.get("otak-signature", "").split(","))
            expected = hmac.new(SECRET, parts.get("t", "").encode() + b"." + body, hashlib.sha256).hexdigest()
            if not hmac.compare_digest(expected, parts.get("v1", "")): bad_signatures += 1
            arrivals.setdefault(json.loads(body)["data"]["id"], []).append(arrived)
            writer.write(b"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n")
            await writer.drain()
    except (asyncio.IncompleteReadError, asyncio.CancelledError, ConnectionError):
        writer.close()


def peak_rss_mb():
    with open(f"/proc/{os.environ['SERVER_PID']}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"): return int(line.split()[1]) / 1024
    return 0.0


async def main():
    server = await asyncio.start_server(receive, "127.0.0.1", RECEIVER_PORT)
    status, body = await call("POST", "/auth/login", {"email": "admin@example.com", "password": "correct horse battery"})
    assert status == 200, (status, body)
    token = body["token"]
    orders = []
    for n in range(RATE * SECONDS):
        status, body = await call("POST", "/orders", {"note": f"bench {n}"}, token)
        assert status == 201, (status, body)
        orders.append(body["id"])
    paid = {}  # order id -> response time
    write_latencies = []

    async def pay(order):
        started = time.monotonic()
        status, body = await call("PATCH", f"/orders/{order}", {"status": "paid"}, token)
        answered = time.monotonic()
        assert status == 200, (status, body)
        write_latencies.append(answered - started)
        paid[order] = answered

    start = time.monotonic()
    writes = []
    for n, order in enumerate(orders):
        await asyncio.sleep(max(0.0, start + n / RATE - time.monotonic()))
        writes.append(asyncio.create_task(pay(order)))
    await asyncio.gather(*writes)
    deadline = time.monotonic() + 10
    while HOOKED and len(arrivals) < len(paid) and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    await asyncio.sleep(1)  # repeats arrive too
    server.close()
    latencies = sorted(max(0.0, times[0] - paid[order]) for order, times in arrivals.items() if order in paid)
    print(json.dumps({
        "hooked": HOOKED, "writes": len(paid), "rate": RATE, "delivered": len(arrivals),
        "repeated": sum(len(times) - 1 for times in arrivals.values()), "bad_signatures": bad_signatures,
        "latency_p50_ms": statistics.median(latencies) * 1000 if latencies else 0.0,
        "latency_p99_ms": latencies[int(len(latencies) * 0.99)] * 1000 if latencies else 0.0,
        "write_p50_ms": statistics.median(write_latencies) * 1000, "rss_mb": peak_rss_mb(),
    }))


asyncio.run(main())
