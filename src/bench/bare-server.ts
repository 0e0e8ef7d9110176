// The yardstick for PUT throughput: bare node:http doing what a direct PUT must do at minimum
// (read the body, parse it, check the value, answer JSON), and nothing else.
import http from 'node:http';

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    let body: string;
    try {
      const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { value?: unknown };
      if (typeof parsed.value !== 'string') throw new Error('value');
      body = JSON.stringify({
        key: decodeURIComponent((req.url ?? '').slice(4)),
        value: parsed.value,
        version: { wall: Date.now() * 1000, logical: 0, node: 'bare' },
        replication: null,
      });
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
      });
    } catch {
      body = '{"error":{"code":"bad_request","message":"bad body"}}';
      res.writeHead(400, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
      });
    }
    res.end(body);
  });
});
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
  process.stdout.write(`${(server.address() as { port: number }).port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
process.on('disconnect', () => process.exit(0));
