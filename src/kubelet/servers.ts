/**
 * Server images (nginx, httpd, redis, postgres, mysql, mongo): what they print when they start, the
 * ports they listen on and when, the environment they insist on, what they answer to HTTP probes,
 * and how they stop on the image's stop signal. Pure functions of the start time and inputs.
 */
import { strftime } from './shell.js';
import { parseImage } from './images.js';

export interface Line {
  at: number;
  stream: 'stdout' | 'stderr';
  text: string;
}

export interface ServerCtx {
  start: number;
  podIP: string;
  image: string;
  env: Map<string, string>;
}

export interface Server {
  /** The binary the image's CMD runs; a container running it behaves as the server. */
  binary: string[];
  ports: number[];
  /** Milliseconds from start until it accepts connections. */
  readyAfter(ctx: ServerCtx): number;
  /** Startup output (absolute times). */
  startup(ctx: ServerCtx): Line[];
  /** A configuration it refuses to start with: its output and exit code. */
  fatal?(ctx: ServerCtx): { lines: Line[]; code: number; after: number } | undefined;
  /** On the stop signal: how long it takes, its exit code, what it prints. */
  stop(ctx: ServerCtx, at: number): { ms: number; code: number; lines: Line[] };
  /** HTTP status for a path (httpGet probes), if it serves HTTP. */
  http?(path: string): number;
  /** An access-log line for a request. */
  accessLog?(ctx: ServerCtx, at: number, path: string, status: number, from: string): Line;
}

const out = (at: number, text: string): Line => ({ at, stream: 'stdout', text });
const err = (at: number, text: string): Line => ({ at, stream: 'stderr', text });

function versionOf(image: string, fallback: string): string {
  const t = parseImage(image).tag;
  const m = /^(\d+\.\d+(?:\.\d+)?)/.exec(t);
  return m && m[1].split('.').length === fallback.split('.').length ? m[1] : fallback;
}

const WORKER_PIDS = [29, 30, 31, 32];

const nginx: Server = {
  binary: ['nginx'],
  ports: [80],
  readyAfter: () => 60,
  startup(ctx) {
    const t = ctx.start + 20;
    const n = (ms: number, s: string) => err(t + ms, `${strftime('%Y/%m/%d %H:%M:%S', t + ms)} [notice] ${s}`);
    const v = versionOf(ctx.image, '1.27.3');
    const lines = [
      out(t, '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration'),
      out(t, '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/'),
      out(t, '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh'),
      out(t + 3, '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf'),
      out(t + 5, '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf'),
      out(t + 5, '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh'),
      out(t + 6, '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh'),
      out(t + 8, '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh'),
      out(t + 9, '/docker-entrypoint.sh: Configuration complete; ready for start up'),
      n(12, '1#1: using the "epoll" event method'),
      n(12, `1#1: nginx/${v}`),
      n(12, '1#1: built by gcc 12.2.0 (Debian 12.2.0-14) '),
      n(12, '1#1: OS: Linux 6.8.0-49-generic'),
      n(12, '1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576'),
      n(13, '1#1: start worker processes'),
      ...WORKER_PIDS.map((pid) => n(13, `1#1: start worker process ${pid}`)),
    ];
    return lines;
  },
  stop(_ctx, at) {
    const n = (s: string) => err(at + 40, `${strftime('%Y/%m/%d %H:%M:%S', at + 40)} [notice] ${s}`);
    return {
      ms: 120,
      code: 0,
      lines: [
        n('1#1: signal 3 (SIGQUIT) received, shutting down'),
        ...WORKER_PIDS.flatMap((pid) => [n(`${pid}#${pid}: gracefully shutting down`), n(`${pid}#${pid}: exiting`), n(`${pid}#${pid}: exit`)]),
        ...WORKER_PIDS.flatMap((pid) => [n(`1#1: signal 17 (SIGCHLD) received from ${pid}`), n(`1#1: worker process ${pid} exited with code 0`)]),
        n('1#1: exit'),
      ],
    };
  },
  http: (path) => (path === '/' || path === '/index.html' || path === '' ? 200 : 404),
  accessLog(_ctx, at, path, status, from) {
    const size = status === 200 ? 615 : 153;
    return out(at, `${from} - - [${strftime('%d/%b/%Y:%H:%M:%S +0000', at)}] "GET ${path || '/'} HTTP/1.1" ${status} ${size} "-" "kube-probe/1.32" "-"`);
  },
};

const httpd: Server = {
  binary: ['httpd-foreground', 'httpd'],
  ports: [80],
  readyAfter: () => 80,
  startup(ctx) {
    const t = ctx.start + 30;
    const us = (ms: number) => `${strftime('%a %b %d %H:%M:%S', ms)}.${String((ms % 1000) * 1000 + 123).padStart(6, '0')} ${strftime('%Y', ms)}`;
    const fqdn = `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${ctx.podIP || '127.0.0.1'}. Set the 'ServerName' directive globally to suppress this message`;
    return [
      err(t, fqdn),
      err(t + 5, fqdn),
      err(t + 8, `[${us(t + 8)}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/${versionOf(ctx.image, '2.4.62')} (Unix) configured -- resuming normal operations`),
      err(t + 8, `[${us(t + 8)}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'`),
    ];
  },
  stop(_ctx, at) {
    const us = `${strftime('%a %b %d %H:%M:%S', at + 10)}.${String(((at + 10) % 1000) * 1000 + 456).padStart(6, '0')} ${strftime('%Y', at)}`;
    return { ms: 200, code: 0, lines: [err(at + 10, `[${us}] [mpm_event:notice] [pid 1:tid 1] AH00492: caught SIGWINCH, shutting down gracefully`)] };
  },
  http: (path) => (path === '/' || path === '/index.html' || path === '' ? 200 : 404),
  accessLog(_ctx, at, path, status, from) {
    return out(at, `${from} - - [${strftime('%d/%b/%Y:%H:%M:%S +0000', at)}] "GET ${path || '/'} HTTP/1.1" ${status} ${status === 200 ? 45 : 196}`);
  },
};

function redisTime(ms: number): string {
  return `${strftime('%d %b %Y %H:%M:%S', ms)}.${String(ms % 1000).padStart(3, '0')}`;
}

const redis: Server = {
  binary: ['redis-server'],
  ports: [6379],
  readyAfter: () => 30,
  startup(ctx) {
    const t = ctx.start + 10;
    const v = versionOf(ctx.image, '7.4.1');
    return [
      out(t, `1:C ${redisTime(t)} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo`),
      out(t, `1:C ${redisTime(t)} * Redis version=${v}, bits=64, commit=00000000, modified=0, pid=1, just started`),
      out(t, `1:C ${redisTime(t)} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf`),
      out(t + 1, `1:M ${redisTime(t + 1)} * monotonic clock: POSIX clock_gettime`),
      out(t + 1, `1:M ${redisTime(t + 1)} * Running mode=standalone, port=6379.`),
      out(t + 2, `1:M ${redisTime(t + 2)} * Server initialized`),
      out(t + 2, `1:M ${redisTime(t + 2)} * Ready to accept connections tcp`),
    ];
  },
  stop(_ctx, at) {
    const t = at + 5;
    return {
      ms: 60,
      code: 0,
      lines: [
        out(t, `1:signal-handler (${Math.floor(t / 1000)}) Received SIGTERM scheduling shutdown...`),
        out(t + 50, `1:M ${redisTime(t + 50)} * User requested shutdown...`),
        out(t + 50, `1:M ${redisTime(t + 50)} * Saving the final RDB snapshot before exiting.`),
        out(t + 51, `1:M ${redisTime(t + 51)} * DB saved on disk`),
        out(t + 51, `1:M ${redisTime(t + 51)} # Redis is now ready to exit, bye bye...`),
      ],
    };
  },
};

function pgTime(ms: number): string {
  return `${strftime('%Y-%m-%d %H:%M:%S', ms)}.${String(ms % 1000).padStart(3, '0')} UTC`;
}

const postgres: Server = {
  binary: ['postgres'],
  ports: [5432],
  readyAfter: () => 2600,
  fatal(ctx) {
    if (ctx.env.get('POSTGRES_PASSWORD') || ctx.env.get('POSTGRES_HOST_AUTH_METHOD') === 'trust') return undefined;
    const t = ctx.start + 40;
    const text = [
      'Error: Database is uninitialized and superuser password is not specified.',
      '       You must specify POSTGRES_PASSWORD to a non-empty value for the',
      '       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".',
      '',
      '       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all',
      '       connections without a password. This is *not* recommended.',
      '',
      '       See PostgreSQL documentation about "trust":',
      '       https://www.postgresql.org/docs/current/auth-trust.html',
    ];
    return { lines: text.map((l) => err(t, l)), code: 1, after: 50 };
  },
  startup(ctx) {
    const v = versionOf(ctx.image, '17.2');
    const t = ctx.start + 50;
    const lines: Line[] = [
      'The files belonging to this database system will be owned by user "postgres".',
      'This user must also own the server process.',
      '',
      'The database cluster will be initialized with locale "en_US.utf8".',
      'The default database encoding has accordingly been set to "UTF8".',
      'The default text search configuration will be set to "english".',
      '',
      'Data page checksums are disabled.',
      '',
      'fixing permissions on existing directory /var/lib/postgresql/data ... ok',
      'creating subdirectories ... ok',
      'selecting dynamic shared memory implementation ... posix',
      'selecting default "max_connections" ... 100',
      'selecting default "shared_buffers" ... 128MB',
      'selecting default time zone ... Etc/UTC',
      'creating configuration files ... ok',
      'running bootstrap script ... ok',
      'performing post-bootstrap initialization ... ok',
      'syncing data to disk ... ok',
      '',
      '',
      'Success. You can now start the database server using:',
      '',
      '    pg_ctl -D /var/lib/postgresql/data -l logfile start',
      '',
    ].map((l, i) => out(t + i * 40, l));
    const t2 = t + 1200;
    lines.push(
      err(t2, 'initdb: warning: enabling "trust" authentication for local connections'),
      err(t2, 'initdb: hint: You can change this by editing pg_hba.conf or using the option -A, or --auth-local and --auth-host, the next time you run initdb.'),
      out(t2 + 300, `waiting for server to start....${pgTime(t2 + 300)} [48] LOG:  starting PostgreSQL ${v} (Debian ${v}-1.pgdg120+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit`),
      out(t2 + 310, `${pgTime(t2 + 310)} [48] LOG:  listening on Unix socket "/var/run/postgresql/.s.PGSQL.5432"`),
      out(t2 + 320, `${pgTime(t2 + 320)} [51] LOG:  database system was shut down at ${pgTime(t2 + 100)}`),
      out(t2 + 330, `${pgTime(t2 + 330)} [48] LOG:  database system is ready to accept connections`),
      out(t2 + 400, ' done'),
      out(t2 + 400, 'server started'),
      out(t2 + 500, ''),
      out(t2 + 500, '/usr/local/bin/docker-entrypoint.sh: ignoring /docker-entrypoint-initdb.d/*'),
      out(t2 + 500, ''),
      out(t2 + 600, `waiting for server to shut down...${pgTime(t2 + 600)} [48] LOG:  received fast shutdown request`),
      out(t2 + 700, `${pgTime(t2 + 700)} [48] LOG:  database system is shut down`),
      out(t2 + 750, ' done'),
      out(t2 + 750, 'server stopped'),
      out(t2 + 760, ''),
      out(t2 + 760, 'PostgreSQL init process complete; ready for start up.'),
      out(t2 + 760, ''),
      out(t2 + 900, `${pgTime(t2 + 900)} [1] LOG:  starting PostgreSQL ${v} (Debian ${v}-1.pgdg120+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit`),
      out(t2 + 910, `${pgTime(t2 + 910)} [1] LOG:  listening on IPv4 address "0.0.0.0", port 5432`),
      out(t2 + 910, `${pgTime(t2 + 910)} [1] LOG:  listening on IPv6 address "::", port 5432`),
      out(t2 + 920, `${pgTime(t2 + 920)} [1] LOG:  listening on Unix socket "/var/run/postgresql/.s.PGSQL.5432"`),
      out(t2 + 940, `${pgTime(t2 + 940)} [1] LOG:  database system is ready to accept connections`),
    );
    return lines;
  },
  stop(_ctx, at) {
    return {
      ms: 300,
      code: 0,
      lines: [
        out(at + 10, `${pgTime(at + 10)} [1] LOG:  received fast shutdown request`),
        out(at + 20, `${pgTime(at + 20)} [1] LOG:  aborting any active transactions`),
        out(at + 200, `${pgTime(at + 200)} [1] LOG:  database system is shut down`),
      ],
    };
  },
};

function mysqlTime(ms: number): string {
  return `${strftime('%Y-%m-%d %H:%M:%S', ms)}+00:00`;
}

const mysql: Server = {
  binary: ['mysqld'],
  ports: [3306, 33060],
  readyAfter: () => 12_000,
  fatal(ctx) {
    if (ctx.env.get('MYSQL_ROOT_PASSWORD') || ctx.env.has('MYSQL_ALLOW_EMPTY_PASSWORD') || ctx.env.has('MYSQL_RANDOM_ROOT_PASSWORD')) return undefined;
    const t = ctx.start + 60;
    const v = versionOf(ctx.image, '9.1.0');
    return {
      code: 1,
      after: 400,
      lines: [
        out(t, `${mysqlTime(t)} [Note] [Entrypoint]: Entrypoint script for MySQL Server ${v}-1.el9 started.`),
        out(t + 100, `${mysqlTime(t + 100)} [Note] [Entrypoint]: Switching to dedicated user 'mysql'`),
        out(t + 200, `${mysqlTime(t + 200)} [Note] [Entrypoint]: Entrypoint script for MySQL Server ${v}-1.el9 started.`),
        err(t + 300, `${mysqlTime(t + 300)} [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified`),
        err(t + 300, '    You need to specify one of the following as an environment variable:'),
        err(t + 300, '    - MYSQL_ROOT_PASSWORD'),
        err(t + 300, '    - MYSQL_ALLOW_EMPTY_PASSWORD'),
        err(t + 300, '    - MYSQL_RANDOM_ROOT_PASSWORD'),
      ],
    };
  },
  startup(ctx) {
    const t = ctx.start + 60;
    const v = versionOf(ctx.image, '9.1.0');
    const iso = (ms: number) => `${strftime('%Y-%m-%dT%H:%M:%S', ms)}.${String(ms % 1000).padStart(3, '0')}000Z`;
    return [
      out(t, `${mysqlTime(t)} [Note] [Entrypoint]: Entrypoint script for MySQL Server ${v}-1.el9 started.`),
      out(t + 100, `${mysqlTime(t + 100)} [Note] [Entrypoint]: Switching to dedicated user 'mysql'`),
      out(t + 200, `${mysqlTime(t + 200)} [Note] [Entrypoint]: Entrypoint script for MySQL Server ${v}-1.el9 started.`),
      out(t + 300, `${mysqlTime(t + 300)} [Note] [Entrypoint]: Initializing database files`),
      out(t + 6000, `${mysqlTime(t + 6000)} [Note] [Entrypoint]: Database files initialized`),
      out(t + 6100, `${mysqlTime(t + 6100)} [Note] [Entrypoint]: Starting temporary server`),
      out(t + 9000, `${mysqlTime(t + 9000)} [Note] [Entrypoint]: Temporary server started.`),
      out(t + 10500, `${mysqlTime(t + 10500)} [Note] [Entrypoint]: Stopping temporary server`),
      out(t + 11500, `${mysqlTime(t + 11500)} [Note] [Entrypoint]: Temporary server stopped`),
      out(t + 11500, ''),
      out(t + 11500, `${mysqlTime(t + 11500)} [Note] [Entrypoint]: MySQL init process done. Ready for start up.`),
      out(t + 11500, ''),
      err(t + 11900, `${iso(t + 11900)} 0 [System] [MY-015015] [Server] MySQL Server - start.`),
      err(t + 11940, `${iso(t + 11940)} 0 [System] [MY-010116] [Server] /usr/sbin/mysqld (mysqld ${v}) starting as process 1`),
      err(t + 12000, `${iso(t + 12000)} 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '${v}'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.`),
    ];
  },
  stop(_ctx, at) {
    const iso = (ms: number) => `${strftime('%Y-%m-%dT%H:%M:%S', ms)}.${String(ms % 1000).padStart(3, '0')}000Z`;
    return { ms: 1500, code: 0, lines: [err(at + 1400, `${iso(at + 1400)} 0 [System] [MY-010910] [Server] /usr/sbin/mysqld: Shutdown complete (mysqld ${'9.1.0'})  MySQL Community Server - GPL.`)] };
  },
};

const mongo: Server = {
  binary: ['mongod'],
  ports: [27017],
  readyAfter: () => 900,
  startup(ctx) {
    const t = ctx.start + 100;
    const d = (ms: number) => `{"$date":"${strftime('%Y-%m-%dT%H:%M:%S', ms)}.${String(ms % 1000).padStart(3, '0')}+00:00"}`;
    return [
      out(t, `{"t":${d(t)},"s":"I",  "c":"CONTROL",  "id":23285,   "ctx":"main","msg":"Automatically disabling TLS 1.0, to force-enable TLS 1.0 specify --sslDisabledProtocols 'none'"}`),
      out(t + 20, `{"t":${d(t + 20)},"s":"I",  "c":"NETWORK",  "id":4648601, "ctx":"main","msg":"Implicit TCP FastOpen unavailable. If TCP FastOpen is required, set at least one of the related parameters","attr":{"relatedParameters":["tcpFastOpenServer","tcpFastOpenClient","tcpFastOpenQueueSize"]}}`),
      out(t + 40, `{"t":${d(t + 40)},"s":"I",  "c":"CONTROL",  "id":4615611, "ctx":"initandlisten","msg":"MongoDB starting","attr":{"pid":1,"port":27017,"dbPath":"/data/db","architecture":"64-bit","host":"${ctx.env.get('HOSTNAME') ?? 'mongo'}"}}`),
      out(t + 780, `{"t":${d(t + 780)},"s":"I",  "c":"NETWORK",  "id":23015,   "ctx":"listener","msg":"Listening on","attr":{"address":"0.0.0.0"}}`),
      out(t + 800, `{"t":${d(t + 800)},"s":"I",  "c":"NETWORK",  "id":23016,   "ctx":"listener","msg":"Waiting for connections","attr":{"port":27017,"ssl":"off"}}`),
    ];
  },
  stop(_ctx, at) {
    const d = `{"$date":"${strftime('%Y-%m-%dT%H:%M:%S', at + 10)}.${String((at + 10) % 1000).padStart(3, '0')}+00:00"}`;
    return { ms: 400, code: 0, lines: [out(at + 10, `{"t":${d},"s":"I",  "c":"CONTROL",  "id":23377,   "ctx":"SignalHandler","msg":"Received signal","attr":{"signal":15,"error":"Terminated"}}`)] };
  },
};

const BY_REPO: Record<string, Server> = {
  'docker.io/library/nginx': nginx,
  'docker.io/library/httpd': httpd,
  'docker.io/library/redis': redis,
  'docker.io/library/postgres': postgres,
  'docker.io/library/mysql': mysql,
  'docker.io/library/mongo': mongo,
};

/** The server an image runs, if it is one of the known servers. */
export function serverFor(image: string): Server | undefined {
  return BY_REPO[parseImage(image).repo];
}
