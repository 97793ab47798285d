// Shared helpers: start and stop ewasm-node, connect polkadot.js, submit and wait.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiPromise, WsProvider } from '@polkadot/api';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The node binary: $EWASM_NODE (ewasm-node or polkadot-omni-node), else the dev build, else the release build. */
export function nodeBinary() {
  const candidates = [process.env.EWASM_NODE, `${root}/target/debug/ewasm-node`, `${root}/target/release/ewasm-node`];
  const found = candidates.find((p) => p && existsSync(p));
  if (!found) throw new Error('ewasm-node is not built: run `cargo build --release -p ewasm-node`');
  return found;
}

/** A fixture's code as 0x-hex, from the Rust fixtures crate (one source for every test). */
export function fixture(name) {
  return execFileSync('cargo', ['run', '-q', '-p', 'pallet-ewasm-fixtures', '--bin', 'ewasm-fixture', '--', name], {
    cwd: root,
    encoding: 'utf8',
  }).trim();
}

/** A Solidity fixture's ABI. */
export function abi(name) {
  return JSON.parse(readFileSync(`${root}/pallets/ewasm/fixtures/solidity/${name}.abi.json`, 'utf8'));
}

export function tempDir(prefix) {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/**
 * Arguments put before every test's own: $EWASM_NODE_ARGS, split on spaces (for example
 * `--chain spec.json` when $EWASM_NODE is polkadot-omni-node, see scripts/run-parachain.sh).
 */
function extraArgs() {
  return (process.env.EWASM_NODE_ARGS ?? '').split(' ').filter(Boolean);
}

/** Starts the node with `args`; resolves once its RPC answers. */
export async function startNode(args, rpcPort, { timeoutMs = 180_000 } = {}) {
  const child = spawn(nodeBinary(), [...extraArgs(), ...args, '--rpc-port', String(rpcPort), '--no-prometheus', '--no-telemetry'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr.on('data', (chunk) => {
    log = (log + chunk).slice(-20_000);
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the node exited early:\n${log}`);
    try {
      const res = await fetch(`http://127.0.0.1:${rpcPort}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id: 1, jsonrpc: '2.0', method: 'system_health', params: [] }),
      });
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the node RPC did not come up:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    child,
    log: () => log,
    /** Stops the node with SIGINT (a clean shutdown) and waits for it to exit. */
    async stop() {
      if (child.exitCode === null) child.kill('SIGINT');
      const code = await exited;
      return code;
    },
  };
}

export async function connect(rpcPort) {
  return ApiPromise.create({ provider: new WsProvider(`ws://127.0.0.1:${rpcPort}`), noInitWarn: true });
}

/**
 * Signs and submits `tx`, resolving when it is in a block with its events and the dispatch
 * error (decoded to `section.name`) if it failed.
 */
export function submit(api, tx, signer) {
  return new Promise((resolve, reject) => {
    let unsub;
    tx.signAndSend(signer, (result) => {
      if (result.status.isInBlock || result.status.isFinalized) {
        let error = null;
        if (result.dispatchError) {
          if (result.dispatchError.isModule) {
            const meta = api.registry.findMetaError(result.dispatchError.asModule);
            error = `${meta.section}.${meta.name}`;
          } else {
            error = result.dispatchError.toString();
          }
        }
        unsub?.();
        resolve({ events: result.events, error, blockHash: result.status.isInBlock ? result.status.asInBlock : result.status.asFinalized });
      } else if (result.isError) {
        unsub?.();
        reject(new Error(`transaction failed: ${result.status}`));
      }
    })
      .then((u) => {
        unsub = u;
      })
      .catch(reject);
  });
}

/** The contract address of the first `ewasm.Instantiated` event. */
export function instantiatedAddress(api, events) {
  const record = events.find(({ event }) => api.events.ewasm.Instantiated.is(event));
  if (!record) throw new Error('no ewasm.Instantiated event');
  return record.event.data.contract.toHex();
}

/** An EVM corpus artifact (abi, bytecode, deployedBytecode) compiled by a current solc. */
export function evmArtifact(name) {
  return JSON.parse(readFileSync(`${root}/pallets/ewasm/fixtures/evm/artifacts/${name}.json`, 'utf8'));
}

/**
 * The gas revm (Cancun) reports for deploying `init` (0x-hex code and arguments) from `sender`
 * and then sending each of `calls` to it: `[{ status, gas }]`, deployment first.
 */
export function revmGas(sender, init, calls) {
  // `cargo test --workspace` builds the binary with the workspace's features; running it
  // directly avoids a second build of the engine for `cargo run -p`'s narrower feature set.
  const built = `${root}/target/debug/revm-gas`;
  const [program, prefix] = existsSync(built)
    ? [built, []]
    : ['cargo', ['run', '-q', '-p', 'ewasm-differential', '--bin', 'revm-gas', '--']];
  const out = execFileSync(program, [...prefix, sender, init, ...calls], { cwd: root, encoding: 'utf8' });
  return out.trim().split('\n').map((line) => {
    const [, status, gas] = line.split(' ');
    return { status, gas: BigInt(gas) };
  });
}
