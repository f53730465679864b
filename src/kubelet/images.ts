/**
 * Container images: reference parsing (docker's normalization), a catalogue of well-known images
 * with their real tags, sizes and what runs in them, and what a pull does (the containerd errors for
 * a tag or repository that does not exist). Pure: no clock, no randomness.
 */
import { createHash } from 'node:crypto';

export interface ImageRef {
  /** As written in the pod spec. */
  raw: string;
  /** "docker.io", "registry.k8s.io", "quay.io"... */
  domain: string;
  /** "library/nginx", "pause", "coredns/coredns". */
  path: string;
  tag: string;
  digest?: string;
  /** "docker.io/library/nginx" */
  repo: string;
  /** "docker.io/library/nginx:latest" (or with @digest), as containerd reports it. */
  full: string;
}

/** Parses an image reference the way containerd normalizes it. */
export function parseImage(raw: string): ImageRef {
  let rest = raw.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag = '';
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > slash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  let domain = 'docker.io';
  let path = rest;
  const first = rest.indexOf('/');
  if (first >= 0) {
    const d = rest.slice(0, first);
    if (d.includes('.') || d.includes(':') || d === 'localhost') {
      domain = d === 'index.docker.io' ? 'docker.io' : d;
      path = rest.slice(first + 1);
    }
  }
  if (domain === 'docker.io' && !path.includes('/')) path = `library/${path}`;
  if (!tag && !digest) tag = 'latest';
  const repo = `${domain}/${path}`;
  const full = digest ? `${repo}${tag ? ':' + tag : ''}@${digest}` : `${repo}:${tag}`;
  return { raw, domain, path, tag, digest, repo, full };
}

// ---- what runs in an image -----------------------------------------------------------------------

/** The shell an image has, which decides error texts ("sh: x: not found" vs "sh: 1: x: not found"). */
export type ShellFlavor = 'busybox' | 'dash' | 'none';

export type Behaviour =
  /** Runs its default command (a shell or interpreter) and exits at once without a terminal. */
  | 'exits'
  /** A server: runs until stopped, with startup lines (see servers.ts). */
  | 'server'
  /** Runs until stopped, says nothing (pause, control-plane binaries, unknown images). */
  | 'quiet';

export interface ImageInfo {
  repo: string;
  /** Compressed size of the default tag, in bytes. */
  size: number;
  shell: ShellFlavor;
  behaviour: Behaviour;
  /** The image's ENTRYPOINT + CMD. */
  cmd: string[];
  /** How many leading elements of cmd are the ENTRYPOINT. */
  ep: number;
  /** Whether a tag exists. */
  tag(t: string): boolean;
  /** Variants whose shell differs (alpine-based tags). */
  alpineTag?: (t: string) => boolean;
  /** Image-defined environment (PATH and friends), in the image's order. */
  env?: [string, string][];
}

const PATH_DEFAULT = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** Version tags "X", "X.Y", "X.Y.Z" within known releases: minor → highest patch. */
function versions(majors: Record<string, Record<number, number>>, opts: { bareMajor?: boolean; bareMinor?: boolean } = {}): (v: string) => boolean {
  return (v) => {
    const m = /^(\d+)(?:\.(\d+)(?:\.(\d+))?)?$/.exec(v);
    if (!m) return false;
    const minors = majors[m[1]];
    if (!minors) return false;
    if (m[2] === undefined) return opts.bareMajor !== false;
    const maxPatch = minors[Number(m[2])];
    if (maxPatch === undefined) return false;
    if (m[3] === undefined) return opts.bareMinor !== false;
    return Number(m[3]) <= maxPatch;
  };
}

/** A tag made of a version part and one of the variant suffixes, or one of the named tags. */
function tags(version: (v: string) => boolean, suffixes: string[], named: string[]): (t: string) => boolean {
  const names = new Set(named);
  return (t) => {
    if (names.has(t)) return true;
    for (const s of ['', ...suffixes]) {
      if (s && !t.endsWith(s)) continue;
      const v = s ? t.slice(0, -s.length) : t;
      if (version(v)) return true;
    }
    return false;
  };
}

/** "-alpine", "-alpine3.20": alpine-based variants (busybox shell). */
const alpineish = (t: string) => /(^|-)alpine(3\.\d+)?(-|$)/.test(t) || t === 'alpine';
const alpineSuffixes = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `-alpine3.${from + i}`);
const any = () => true;

const NGINX = versions({
  '1': { 7: 12, 8: 1, 9: 15, 10: 3, 11: 13, 12: 2, 13: 12, 14: 2, 15: 12, 16: 1, 17: 10, 18: 0, 19: 10, 20: 2, 21: 6, 22: 1, 23: 4, 24: 0, 25: 5, 26: 3, 27: 5, 28: 0, 29: 1 },
});
const BUSYBOX = versions({ '1': { 24: 2, 25: 1, 26: 2, 27: 2, 28: 4, 29: 3, 30: 1, 31: 1, 32: 1, 33: 2, 34: 1, 35: 0, 36: 1, 37: 0 } });
const ALPINE = versions({ '3': { 0: 7, 1: 4, 2: 3, 3: 3, 4: 6, 5: 3, 6: 5, 7: 3, 8: 5, 9: 6, 10: 9, 11: 13, 12: 12, 13: 12, 14: 10, 15: 11, 16: 9, 17: 10, 18: 12, 19: 7, 20: 6, 21: 3, 22: 1 } });
const REDIS = versions({
  '2': { 6: 17, 8: 24 },
  '3': { 0: 7, 2: 13 },
  '4': { 0: 14 },
  '5': { 0: 14 },
  '6': { 0: 20, 2: 19 },
  '7': { 0: 15, 2: 10, 4: 5 },
  '8': { 0: 3, 2: 0 },
});
const POSTGRES = versions({
  '9': { 0: 23, 1: 24, 2: 24, 3: 25, 4: 26, 5: 25, 6: 24 },
  '10': { 0: 0 },
  '11': { 0: 0 },
  '12': { 0: 0 },
  '13': { 0: 0 },
  '14': { 0: 0 },
  '15': { 0: 0 },
  '16': { 0: 0 },
  '17': { 0: 0 },
  '18': { 0: 0 },
});
// Since 10, PostgreSQL versions are MAJOR.MINOR: 10.0-10.23, 11.0-11.22, ...
const PG_MINOR: Record<string, number> = { '10': 23, '11': 22, '12': 22, '13': 21, '14': 18, '15': 13, '16': 9, '17': 5, '18': 0 };
const POSTGRES_VERSION = (v: string) => {
  const m = /^(\d+)\.(\d+)$/.exec(v);
  if (m && PG_MINOR[m[1]] !== undefined) return Number(m[2]) <= PG_MINOR[m[1]];
  if (/^\d+\.\d+\.\d+$/.test(v) && Number(v.split('.')[0]) >= 10) return false;
  return POSTGRES(v);
};
const MYSQL = versions({
  '5': { 5: 62, 6: 51, 7: 44 },
  '8': { 0: 43, 1: 0, 2: 0, 3: 0, 4: 6 },
  '9': { 0: 1, 1: 0, 2: 0, 3: 0, 4: 0 },
});
const MONGO = versions({
  '3': { 6: 23 },
  '4': { 0: 28, 2: 25, 4: 29 },
  '5': { 0: 31 },
  '6': { 0: 24 },
  '7': { 0: 21 },
  '8': { 0: 12 },
});
const NODE_VERSION = (v: string) => {
  const m = /^(\d+)(?:\.(\d+)(?:\.(\d+))?)?$/.exec(v);
  if (!m) return false;
  const major = Number(m[1]);
  if (major < 4 || major > 24) return false;
  return (m[2] === undefined || Number(m[2]) <= 30) && (m[3] === undefined || Number(m[3]) <= 30);
};
const PYTHON_VERSION = (v: string) => {
  const m = /^(\d+)(?:\.(\d+)(?:\.(\d+)(?:(?:a|b|rc)\d+)?)?)?$/.exec(v);
  if (!m) return false;
  if (m[1] === '2') return m[2] === undefined || (m[2] === '7' && (m[3] === undefined || Number(m[3]) <= 18));
  if (m[1] !== '3') return false;
  if (m[2] === undefined) return true;
  const minor = Number(m[2]);
  return minor >= 3 && minor <= 14 && (m[3] === undefined || Number(m[3]) <= 20);
};
const HTTPD = versions({ '2': { 2: 34, 4: 65 } });
const UBUNTU_NAMES = ['precise', 'trusty', 'xenial', 'bionic', 'cosmic', 'disco', 'eoan', 'focal', 'groovy', 'hirsute', 'impish', 'jammy', 'kinetic', 'lunar', 'mantic', 'noble', 'oracular', 'plucky'];
const UBUNTU_VERSIONS = ['12.04', '14.04', '16.04', '17.10', '18.04', '18.10', '19.04', '19.10', '20.04', '20.10', '21.04', '21.10', '22.04', '22.10', '23.04', '23.10', '24.04', '24.10', '25.04'];
const UBUNTU = (t: string) => {
  if (['latest', 'rolling', 'devel'].includes(t)) return true;
  const base = t.replace(/-\d{8}(\.\d+)?$/, '');
  return UBUNTU_NAMES.includes(base) || UBUNTU_VERSIONS.includes(base);
};
const DEBIAN_NAMES = ['wheezy', 'jessie', 'stretch', 'buster', 'bullseye', 'bookworm', 'trixie', 'forky', 'sid', 'experimental', 'oldoldstable', 'oldstable', 'stable', 'testing', 'unstable', 'rc-buggy'];
const DEBIAN = (t: string) => {
  if (t === 'latest') return true;
  const base = t.replace(/-\d{8}$/, '').replace(/-(slim|backports)$/, '').replace(/-\d{8}$/, '');
  if (DEBIAN_NAMES.includes(base)) return true;
  const m = /^(\d+)(?:\.(\d+))?$/.exec(base);
  if (!m) return false;
  const major = Number(m[1]);
  const maxPoint: Record<number, number> = { 7: 11, 8: 11, 9: 13, 10: 13, 11: 11, 12: 11, 13: 0 };
  return maxPoint[major] !== undefined && (m[2] === undefined || Number(m[2]) <= maxPoint[major]);
};
const K8S_VERSION = (t: string) => {
  const m = /^v1\.(\d+)\.(\d+)(-(alpha|beta|rc)\.\d+)?$/.exec(t);
  return !!m && Number(m[1]) >= 10 && Number(m[1]) <= 34 && Number(m[2]) <= 20;
};

const MB = 1024 * 1024;

const WRAPPER = /(^|\/)(docker-entrypoint\.sh|entrypoint\.sh|tini)$/;

function image(repo: string, size: number, shell: ShellFlavor, behaviour: Behaviour, cmd: string[], tag: (t: string) => boolean, env?: [string, string][]): ImageInfo {
  // Wrapper scripts and single binaries (distroless images) are the ENTRYPOINT; shells and servers are CMD.
  const ep = WRAPPER.test(cmd[0] ?? '') || (behaviour === 'quiet' && shell !== 'dash') ? 1 : 0;
  return { repo, size, shell, behaviour, cmd, ep, tag, alpineTag: alpineish, env };
}

const CATALOGUE: ImageInfo[] = [
  image('docker.io/library/nginx', 72_099_410, 'dash', 'server', ['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;'],
    tags(NGINX, ['-alpine', '-perl', '-alpine-perl', '-alpine-slim', '-bookworm', '-bookworm-perl', '-bullseye', '-bullseye-perl', '-otel', '-alpine-otel', '-bookworm-otel', ...alpineSuffixes(12, 21)],
      ['latest', 'stable', 'mainline', 'alpine', 'perl', 'alpine-perl', 'alpine-slim', 'bookworm', 'bullseye', 'otel', 'stable-alpine', 'mainline-alpine', 'stable-perl', 'mainline-perl', 'stable-alpine-slim', 'mainline-alpine-slim', 'stable-bookworm', 'mainline-bookworm', 'alpine-otel', 'stable-otel', 'mainline-otel']),
    [['PATH', PATH_DEFAULT], ['NGINX_VERSION', '1.27.3'], ['NJS_VERSION', '0.8.7'], ['NJS_RELEASE', '1~bookworm'], ['PKG_RELEASE', '1~bookworm']]),
  image('docker.io/library/httpd', 58_207_734, 'dash', 'server', ['httpd-foreground'],
    tags(HTTPD, ['-alpine', '-bookworm', '-bullseye', ...alpineSuffixes(12, 21)], ['latest', 'alpine', 'bookworm', 'bullseye']),
    [['PATH', '/usr/local/apache2/bin:' + PATH_DEFAULT], ['HTTPD_PREFIX', '/usr/local/apache2'], ['HTTPD_VERSION', '2.4.62']]),
  image('docker.io/library/busybox', 2_167_089, 'busybox', 'exits', ['sh'],
    tags(BUSYBOX, ['-glibc', '-musl', '-uclibc'], ['latest', 'stable', 'unstable', 'glibc', 'musl', 'uclibc', 'stable-glibc', 'stable-musl', 'stable-uclibc', 'unstable-glibc', 'unstable-musl', 'unstable-uclibc', '1', '1-glibc', '1-musl', '1-uclibc']),
    [['PATH', PATH_DEFAULT]]),
  image('docker.io/library/alpine', 3_642_859, 'busybox', 'exits', ['/bin/sh'], tags(ALPINE, [], ['latest', 'edge', '3']), [['PATH', PATH_DEFAULT]]),
  image('docker.io/library/redis', 45_174_352, 'dash', 'server', ['docker-entrypoint.sh', 'redis-server'],
    tags(REDIS, ['-alpine', '-bookworm', '-bullseye', ...alpineSuffixes(12, 21)], ['latest', 'alpine', 'bookworm', 'bullseye']),
    [['PATH', PATH_DEFAULT], ['REDIS_VERSION', '7.4.1']]),
  image('docker.io/library/postgres', 158_322_416, 'dash', 'server', ['docker-entrypoint.sh', 'postgres'],
    tags(POSTGRES_VERSION, ['-alpine', '-bookworm', '-bullseye', ...alpineSuffixes(12, 21)], ['latest', 'alpine', 'bookworm', 'bullseye']),
    [['PATH', PATH_DEFAULT + ':/usr/lib/postgresql/17/bin'], ['PG_MAJOR', '17'], ['PG_VERSION', '17.2-1.pgdg120+1'], ['PGDATA', '/var/lib/postgresql/data']]),
  image('docker.io/library/mysql', 172_495_127, 'dash', 'server', ['docker-entrypoint.sh', 'mysqld'],
    tags(MYSQL, ['-oracle', '-debian', '-oraclelinux8', '-oraclelinux9', '-bookworm'], ['latest', 'lts', 'innovation', 'oracle', 'debian', 'lts-oracle', 'innovation-oracle', 'oraclelinux9']),
    [['PATH', PATH_DEFAULT], ['MYSQL_MAJOR', '9.1'], ['MYSQL_VERSION', '9.1.0-1.el9'], ['MYSQL_SHELL_VERSION', '9.1.0-1.el9']]),
  image('docker.io/library/mongo', 289_913_452, 'dash', 'server', ['docker-entrypoint.sh', 'mongod'],
    tags(MONGO, ['-jammy', '-focal', '-noble', '-bionic', '-xenial', '-nanoserver', '-windowsservercore'], ['latest', 'jammy', 'noble', 'focal']),
    [['PATH', PATH_DEFAULT], ['MONGO_MAJOR', '8.0'], ['MONGO_VERSION', '8.0.3']]),
  image('docker.io/library/node', 395_061_922, 'dash', 'exits', ['docker-entrypoint.sh', 'node'],
    tags(NODE_VERSION, ['-alpine', '-slim', '-bookworm', '-bullseye', '-buster', '-stretch', '-bookworm-slim', '-bullseye-slim', '-buster-slim', ...alpineSuffixes(12, 21)],
      ['latest', 'lts', 'current', 'alpine', 'slim', 'bookworm', 'bullseye', 'lts-alpine', 'lts-slim', 'current-alpine', 'current-slim', 'argon', 'boron', 'carbon', 'dubnium', 'erbium', 'fermium', 'gallium', 'hydrogen', 'iron', 'jod', 'hydrogen-alpine', 'iron-alpine', 'jod-alpine', 'iron-slim', 'jod-slim', 'hydrogen-slim']),
    [['PATH', PATH_DEFAULT], ['NODE_VERSION', '22.11.0'], ['YARN_VERSION', '1.22.22']]),
  image('docker.io/library/python', 412_473_009, 'dash', 'exits', ['python3'],
    tags(PYTHON_VERSION, ['-slim', '-alpine', '-bookworm', '-bullseye', '-buster', '-slim-bookworm', '-slim-bullseye', '-slim-buster', ...alpineSuffixes(12, 21)], ['latest', 'slim', 'alpine', 'bookworm', 'bullseye', 'slim-bookworm', 'slim-bullseye']),
    [['PATH', PATH_DEFAULT], ['LANG', 'C.UTF-8'], ['GPG_KEY', '7169605F62C751356D054A26A821E680E5FA6305'], ['PYTHON_VERSION', '3.13.0']]),
  image('docker.io/library/ubuntu', 29_754_410, 'dash', 'exits', ['/bin/bash'], UBUNTU, [['PATH', PATH_DEFAULT]]),
  image('docker.io/library/debian', 48_494_272, 'dash', 'exits', ['bash'], DEBIAN, [['PATH', PATH_DEFAULT]]),
  image('registry.k8s.io/pause', 320_368, 'none', 'quiet', ['/pause'], (t) => /^(3\.(\d|10)(\.1)?|2\.0|1\.0|latest)$/.test(t)),
  image('registry.k8s.io/etcd', 57_680_541, 'none', 'quiet', ['etcd'], (t) => /^3\.[0-6]\.\d{1,2}(-\d)?$/.test(t)),
  image('registry.k8s.io/kube-apiserver', 28_341_212, 'none', 'quiet', ['kube-apiserver'], K8S_VERSION),
  image('registry.k8s.io/kube-controller-manager', 26_220_165, 'none', 'quiet', ['kube-controller-manager'], K8S_VERSION),
  image('registry.k8s.io/kube-scheduler', 20_670_384, 'none', 'quiet', ['kube-scheduler'], K8S_VERSION),
  image('registry.k8s.io/kube-proxy', 30_729_934, 'none', 'quiet', ['/usr/local/bin/kube-proxy'], K8S_VERSION),
  image('registry.k8s.io/coredns/coredns', 18_562_039, 'none', 'quiet', ['/coredns'], (t) => /^v1\.([6-9]|1[0-2])\.\d{1,2}$/.test(t)),
  image('docker.io/kindest/kindnetd', 39_014_242, 'none', 'quiet', ['/bin/kindnetd'], any),
  image('registry.k8s.io/e2e-test-images/agnhost', 51_264_712, 'busybox', 'quiet', ['/agnhost'], (t) => /^2\.\d{1,2}$/.test(t)),
  image('registry.k8s.io/e2e-test-images/busybox', 1_374_155, 'busybox', 'exits', ['sh'], (t) => /^1\.\d+\.\d+-\d+$/.test(t)),
  // Popular images whose tags are not checked.
  image('docker.io/library/memcached', 32_417_180, 'dash', 'quiet', ['docker-entrypoint.sh', 'memcached'], any),
  image('docker.io/library/rabbitmq', 96_470_127, 'dash', 'quiet', ['docker-entrypoint.sh', 'rabbitmq-server'], any),
  image('docker.io/library/mariadb', 122_847_105, 'dash', 'quiet', ['docker-entrypoint.sh', 'mariadbd'], any),
  image('docker.io/library/haproxy', 40_235_867, 'dash', 'quiet', ['docker-entrypoint.sh', 'haproxy', '-f', '/usr/local/etc/haproxy/haproxy.cfg'], any),
  image('docker.io/library/traefik', 50_172_408, 'busybox', 'quiet', ['/entrypoint.sh', 'traefik'], any),
  image('docker.io/library/caddy', 18_846_502, 'busybox', 'quiet', ['caddy', 'run', '--config', '/etc/caddy/Caddyfile', '--adapter', 'caddyfile'], any),
  image('docker.io/library/golang', 294_032_418, 'dash', 'exits', ['bash'], any, [['PATH', '/usr/local/go/bin:' + PATH_DEFAULT]]),
  image('docker.io/library/centos', 75_176_542, 'dash', 'exits', ['/bin/bash'], any),
  image('docker.io/library/fedora', 64_702_415, 'dash', 'exits', ['/bin/bash'], any),
  image('docker.io/library/amazonlinux', 62_017_423, 'dash', 'exits', ['/bin/bash'], any),
  image('docker.io/library/wordpress', 247_386_610, 'dash', 'quiet', ['docker-entrypoint.sh', 'apache2-foreground'], any),
  image('docker.io/library/registry', 9_934_120, 'busybox', 'quiet', ['/entrypoint.sh', '/etc/docker/registry/config.yml'], any),
  image('docker.io/polinux/stress', 4_041_209, 'busybox', 'exits', ['stress'], any),
  image('docker.io/vish/stress', 6_342_511, 'none', 'quiet', ['/stress'], any),
  image('registry.k8s.io/busybox', 1_144_547, 'busybox', 'exits', ['sh'], any),
  image('docker.io/curlimages/curl', 10_426_714, 'busybox', 'exits', ['/entrypoint.sh', 'curl'], any),
  image('docker.io/nicolaka/netshoot', 175_263_812, 'busybox', 'exits', ['zsh'], any),
];

const BY_REPO = new Map(CATALOGUE.map((i) => [i.repo, i]));

export function catalogued(ref: ImageRef): ImageInfo | undefined {
  return BY_REPO.get(ref.repo);
}

function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** An image's size in bytes: the catalogue's, varied a little per tag; unknown images get a plausible size. */
const sizes = new Map<string, number>();

export function imageSize(image: string): number {
  let s = sizes.get(image);
  if (s === undefined) sizes.set(image, (s = computeSize(image)));
  return s;
}

function computeSize(image: string): number {
  const ref = parseImage(image);
  const info = catalogued(ref);
  const h = hash(ref.full);
  if (!info) return 20 * MB + (h % (180 * MB));
  let size = info.size;
  if (info.alpineTag?.(ref.tag) && info.shell === 'dash') size = Math.round(size * 0.3);
  else if (/slim/.test(ref.tag)) size = Math.round(size * 0.2);
  if (ref.tag === 'latest' || !ref.tag) return size;
  return Math.round(size * (0.92 + (h % 1600) / 10000));
}

/** The image's content digest, stable for a reference. */
export function imageDigest(image: string): string {
  const ref = parseImage(image);
  if (ref.digest?.startsWith('sha256:')) return ref.digest;
  return 'sha256:' + createHash('sha256').update(`kubemu-image:${ref.repo}:${ref.tag}`).digest('hex');
}

/** containerStatuses[].imageID: "docker.io/library/nginx@sha256:...". */
export function imageID(image: string): string {
  return `${parseImage(image).repo}@${imageDigest(image)}`;
}

/** containerStatuses[].image once running: the normalized reference. */
export function imageName(image: string): string {
  return parseImage(image).full;
}

export type ImagePolicy = 'allow' | 'known-only';

/** Whether a pull of this image succeeds; the error containerd returns when it does not. */
export function pullResult(image: string, policy: ImagePolicy): { ok: true } | { ok: false; error: string } {
  const ref = parseImage(image);
  const info = catalogued(ref);
  const full = ref.full;
  if (info) {
    if (ref.digest || info.tag(ref.tag)) return { ok: true };
    return {
      ok: false,
      error: `rpc error: code = NotFound desc = failed to pull and unpack image "${full}": failed to resolve reference "${full}": ${full}: not found`,
    };
  }
  if (policy === 'allow') return { ok: true };
  if (ref.domain === 'docker.io') {
    return {
      ok: false,
      error: `rpc error: code = Unknown desc = failed to pull and unpack image "${full}": failed to resolve reference "${full}": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`,
    };
  }
  if (/^(registry\.k8s\.io|gcr\.io|quay\.io|ghcr\.io|k8s\.gcr\.io|public\.ecr\.aws|mcr\.microsoft\.com)$/.test(ref.domain) || ref.domain.endsWith('.gcr.io') || ref.domain.endsWith('pkg.dev')) {
    return { ok: false, error: `rpc error: code = NotFound desc = failed to pull and unpack image "${full}": failed to resolve reference "${full}": ${full}: not found` };
  }
  const host = ref.domain.replace(/:\d+$/, '');
  return {
    ok: false,
    error: `rpc error: code = Unknown desc = failed to pull and unpack image "${full}": failed to resolve reference "${full}": failed to do request: Head "https://${ref.domain}/v2/${ref.path}/manifests/${ref.tag || 'latest'}": dial tcp: lookup ${host} on 10.96.0.10:53: no such host`,
  };
}

/** What runs in an image: catalogue facts, or a quiet long-running process for an image we do not know. */
export function imageInfo(image: string): ImageInfo & { known: boolean; alpine: boolean } {
  const ref = parseImage(image);
  const info = catalogued(ref);
  if (!info) return { repo: ref.repo, size: imageSize(image), shell: 'busybox', behaviour: 'quiet', cmd: [], ep: 0, tag: any, known: false, alpine: false, env: [['PATH', PATH_DEFAULT]] };
  const alpine = !!info.alpineTag?.(ref.tag) && info.shell === 'dash';
  return { ...info, shell: alpine ? 'busybox' : info.shell, known: true, alpine };
}
