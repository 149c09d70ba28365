/**
 * A ClickHouse server of the test's own: Debian's `clickhouse-server` started as a plain
 * process on 127.0.0.1, on free ports, with its config, users and data in a temporary folder,
 * and stopped (folder removed) afterwards. No test uses a server it did not start.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'vitest';

/** The server binary, as Debian installs it. */
const BINARY = 'clickhouse-server';

/** Why ClickHouse tests cannot run here (no binary), or null when they can. */
export function clickhouseMissing(): string | null {
  const found = spawnSync('sh', ['-c', `command -v ${BINARY}`], { encoding: 'utf8' });
  return found.status === 0 && found.stdout.trim() !== ''
    ? null
    : `${BINARY} is not installed (apt-get install clickhouse-server clickhouse-client; .ci/run does it)`;
}

/**
 * `describe` for tests that need a ClickHouse server: with CI=true a missing binary fails one
 * test with the reason (never a silent skip); on a developer's machine the block is skipped
 * and the reason printed.
 */
export function describeWithClickHouse(name: string, body: () => void): void {
  const missing = clickhouseMissing();
  if (missing === null) {
    describe(name, body);
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('needs a ClickHouse server', () => {
        throw new Error(`${name}: ${missing}`);
      });
    });
    return;
  }
  console.warn(`skipped "${name}": ${missing}`);
  describe.skip(name, body);
}

/** A running server of the test's own. */
export interface ClickHouseServer {
  /** HTTP endpoint, e.g. `http://127.0.0.1:40123`. */
  url: string;
  /** The user (`worth`) and its password (random per server). */
  user: string;
  password: string;
  /** The server's TCP port (for clickhouse-client). */
  tcpPort: number;
  /** Stops the server (SIGTERM, then SIGKILL after 20 s) and removes its folder. */
  stop(): Promise<void>;
}

/** A port no one listens on now (the OS's choice for port 0). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** The ports of one server; in a cluster every shard has the same ones on its own address. */
interface Ports {
  http: number;
  tcp: number;
  interserver: number;
}

/** One shard of a cluster as `remote_servers` names it. */
interface ShardAddress {
  host: string;
}

/**
 * Starts a server and waits until it answers `/ping` (at most 60 s); `config` is more of
 * config.xml's elements (e.g. `<default_session_timeout>1</default_session_timeout>`).
 */
export async function startClickHouse(config = ''): Promise<ClickHouseServer> {
  const ports = { http: await freePort(), tcp: await freePort(), interserver: await freePort() };
  return launch('127.0.0.1', ports, randomBytes(12).toString('hex'), undefined, config);
}

/** Two servers of the test's own, one shard each, and the cluster their configs both declare. */
export interface ClickHouseCluster {
  /** The cluster's name in `remote_servers` (worth.yaml's `engine.cluster`). */
  cluster: string;
  /** The first shard's endpoint: where Worth connects (every shard has the same ports). */
  url: string;
  user: string;
  password: string;
  /** The shards, in `remote_servers` order (shard 1 on 127.0.0.1, shard 2 on 127.0.0.2). */
  shards: ClickHouseServer[];
  /** Stops every shard still running and removes their folders. */
  stop(): Promise<void>;
}

/**
 * A port free on every address of `hosts` (the OS's choice on the first, checked on the rest);
 * an address that cannot be listened on at all (127.0.0.2 is loopback on Linux, not by default
 * on macOS) is an error saying so, not an endless search.
 */
async function portFreeOn(hosts: string[]): Promise<number> {
  for (const h of hosts.slice(1))
    if (!(await listens(h, 0)))
      throw new Error(`cannot listen on ${h}: the two-shard tests need it as a loopback address`);
  for (;;) {
    const port = await freePort();
    const free = await Promise.all(hosts.slice(1).map((h) => listens(h, port)));
    if (free.every((ok) => ok)) return port;
  }
}

/** Whether `port` can be listened on at `host` now. */
function listens(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, host, () => s.close(() => resolve(true)));
  });
}

/**
 * Two ClickHouse servers as a cluster of two shards (`worth_two`), on 127.0.0.1 and 127.0.0.2
 * with the same ports (as machines of a real cluster have), each config naming both shards in
 * `remote_servers` with the login the Distributed tables use. No ZooKeeper: a table on every
 * shard is made by connecting to each (Worth's engine does so).
 */
export async function startClickHouseCluster(): Promise<ClickHouseCluster> {
  const hosts = ['127.0.0.1', '127.0.0.2'];
  const ports = {
    http: await portFreeOn(hosts),
    tcp: await portFreeOn(hosts),
    interserver: await portFreeOn(hosts),
  };
  const password = randomBytes(12).toString('hex');
  const cluster = 'worth_two';
  const shards = hosts.map((host) => ({ host }));
  const started = await Promise.allSettled(
    hosts.map((host) => launch(host, ports, password, { name: cluster, shards })),
  );
  const servers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) {
    await Promise.all(servers.map((s) => s.stop()));
    throw (failed as PromiseRejectedResult).reason;
  }
  return {
    cluster,
    url: servers[0]!.url,
    user: 'worth',
    password,
    shards: servers,
    stop: async () => {
      await Promise.all(servers.map((s) => s.stop()));
    },
  };
}

/** Starts a server on `host` and waits until it answers `/ping` (at most 60 s). */
async function launch(
  host: string,
  ports: Ports,
  password: string,
  cluster?: { name: string; shards: ShardAddress[] },
  config = '',
): Promise<ClickHouseServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'worth-clickhouse-'));
  const at = (p: string) => path.join(dir, p);
  const remoteServers = cluster
    ? `<remote_servers><${cluster.name}>${cluster.shards
        .map(
          (s) =>
            `<shard><replica><host>${s.host}</host><port>${ports.tcp}</port><user>worth</user><password>${password}</password></replica></shard>`,
        )
        .join('')}</${cluster.name}></remote_servers>`
    : '';
  writeFileSync(
    at('config.xml'),
    `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>${at('server.log')}</log><errorlog>${at('error.log')}</errorlog><console>0</console></logger>
  <http_port>${ports.http}</http_port>
  <tcp_port>${ports.tcp}</tcp_port>
  <interserver_http_port>${ports.interserver}</interserver_http_port>
  <interserver_http_host>${host}</interserver_http_host>
  <listen_host>${host}</listen_host>
  <path>${at('data')}/</path>
  <tmp_path>${at('tmp')}/</tmp_path>
  <user_files_path>${at('user_files')}/</user_files_path>
  <format_schema_path>${at('format_schemas')}/</format_schema_path>
  <users_config>${at('users.xml')}</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <mark_cache_size>5368709120</mark_cache_size>
  <timezone>UTC</timezone>
  ${remoteServers}${config}
</yandex>
`,
  );
  writeFileSync(
    at('users.xml'),
    `<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>2000000000</max_memory_usage></default></profiles>
  <users>
    <worth><password>${password}</password><networks><ip>127.0.0.0/8</ip></networks><profile>default</profile><quota>default</quota></worth>
  </users>
  <quotas><default></default></quotas>
</yandex>
`,
  );
  const child: ChildProcess = spawn(BINARY, [`--config-file=${at('config.xml')}`], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (b: Buffer) => (stderr = (stderr + b.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let gone = false;
  void exited.then(() => (gone = true));
  const url = `http://${host}:${ports.http}`;
  const stop = async () => {
    if (!gone) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (gone) {
      await stop();
      throw new Error(`clickhouse-server exited at start:\n${stderr}`);
    }
    try {
      const r = await fetch(`${url}/ping`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`clickhouse-server did not answer on ${url} within 60 s:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, user: 'worth', password, tcpPort: ports.tcp, stop };
}
