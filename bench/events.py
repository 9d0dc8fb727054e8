"""The load of bench/events against one running shop server (port in argv[1]): 100 customers,
STREAMS streams of GET /orders/events spread over them, RATE order creations a second for
SECONDS_PER_RUN. Prints one JSON line of figures."""
import asyncio, json, os, statistics, sys, time

PORT = int(sys.argv[1])
STREAMS, RATE, SECONDS = int(os.environ["STREAMS"]), int(os.environ["RATE"]), int(os.environ["SECONDS_PER_RUN"])
CUSTOMERS = 100


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


async def stream(token, received, ready):
    """One subscriber: records (order id, arrival time) of each `created` event."""
    reader, writer = await asyncio.open_connection("127.0.0.1", PORT)
    writer.write(f"GET /orders/events HTTP/1.1\r\nHost: bench\r\nAuthorization: Bearer {token}\r\n\r\n".encode())
    await writer.drain()
    line = await reader.readline()
    assert b" 200 " in line, line
    ready.set()
    try:
        while True:
            line = await reader.readline()
            if not line: return
            if line.startswith(b"data: "):
                received.append((json.loads(line[6:])["id"], time.monotonic()))
    except asyncio.CancelledError:
        writer.close()


def peak_rss_mb():
    with open(f"/proc/{os.environ['SERVER_PID']}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"): return int(line.split()[1]) / 1024
    return 0.0


async def main():
    tokens = []
    for n in range(CUSTOMERS):
        status, body = await call("POST", "/auth/register",
                                  {"email": f"c{n}@example.com", "password": "correct horse battery", "name": f"C{n}"})
        assert status == 201, (status, body)
        tokens.append(body["token"])
    streams = []
    received = [[] for _ in range(STREAMS)]
    for index in range(STREAMS):
        ready = asyncio.Event()
        streams.append(asyncio.create_task(stream(tokens[index % CUSTOMERS], received[index], ready)))
        await ready.wait()
    await asyncio.sleep(1)
    written = {}  # order id -> (customer, response time)
    write_latencies = []

    async def write(n):
        customer = n % CUSTOMERS
        started = time.monotonic()
        status, body = await call("POST", "/orders", {"note": f"bench {n}"}, tokens[customer])
        answered = time.monotonic()
        assert status == 201, (status, body)
        write_latencies.append(answered - started)
        written[body["id"]] = (customer, answered)

    start = time.monotonic()
    writes = []
    for n in range(RATE * SECONDS):
        await asyncio.sleep(max(0.0, start + n / RATE - time.monotonic()))
        writes.append(asyncio.create_task(write(n)))
    await asyncio.gather(*writes)
    await asyncio.sleep(2)
    for task in streams: task.cancel()
    latencies, duplicates, count = [], 0, 0
    expected = sum(1 for index in range(STREAMS) for (customer, _) in written.values() if customer == index % CUSTOMERS)
    for index, events in enumerate(received):
        seen = set()
        for order, arrived in events:
            if order in seen: duplicates += 1
            seen.add(order)
            customer, answered = written.get(order, (None, None))
            if customer != index % CUSTOMERS: continue
            count += 1
            latencies.append(max(0.0, arrived - answered))
    latencies.sort()
    print(json.dumps({
        "streams": STREAMS, "writes": len(written), "rate": RATE, "expected": expected, "received": count,
        "duplicates": duplicates,
        "latency_p50_ms": statistics.median(latencies) * 1000 if latencies else 0.0,
        "latency_p99_ms": latencies[int(len(latencies) * 0.99)] * 1000 if latencies else 0.0,
        "write_p50_ms": statistics.median(write_latencies) * 1000, "rss_mb": peak_rss_mb(),
    }))


asyncio.run(main())
