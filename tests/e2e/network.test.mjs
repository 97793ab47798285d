// Two validators (`--chain local --alice` / `--bob`) on loopback peer, finalize the same blocks
// with GRANDPA, and a contract deployed through one is readable through the other's EwasmApi.
// Also: a node restarted on the same --base-path keeps its contracts; purge-chain removes them;
// export-chain-spec prints the local chain specification.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { Keyring } from '@polkadot/keyring';
import { connect, fixture, instantiatedAddress, nodeBinary, startNode, submit, tempDir } from './helpers.mjs';

const GAS = 1_000_000; // within both chains' block gas limits (api.consts.ewasm.blockGasLimit)
// The peer id of node key 0x…01: lets Bob find Alice without discovery.
const ALICE_NODE_KEY = '0000000000000000000000000000000000000000000000000000000000000001';
const ALICE_PEER_ID = '12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp';
// Validators on a non-dev chain need an explicit network key.
const BOB_NODE_KEY = '0000000000000000000000000000000000000000000000000000000000000002';

async function waitFor(check, what, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

test('two validators finalize the same chain and share contract state', async () => {
  const alice = await startNode(
    ['--chain', 'local', '--tmp', '--alice', '--node-key', ALICE_NODE_KEY, '--listen-addr', '/ip4/127.0.0.1/tcp/30533'],
    19945,
  );
  const bob = await startNode(
    ['--chain', 'local', '--tmp', '--bob', '--node-key', BOB_NODE_KEY, '--listen-addr', '/ip4/127.0.0.1/tcp/30534',
      '--bootnodes', `/ip4/127.0.0.1/tcp/30533/p2p/${ALICE_PEER_ID}`],
    19946,
  );
  const apiA = await connect(19945);
  const apiB = await connect(19946);
  try {
    await waitFor(async () => (await apiA.rpc.system.health()).peers.toNumber() >= 1, 'peers');
    // Both validators author: blocks from both Aura authorities appear.
    const finalized = await waitFor(async () => {
      const head = await apiA.rpc.chain.getFinalizedHead();
      const number = (await apiA.rpc.chain.getHeader(head)).number.toNumber();
      return number >= 3 ? { head, number } : null;
    }, 'finality on alice');
    const hashOnBob = await waitFor(async () => {
      const bobFinal = (await apiB.rpc.chain.getHeader(await apiB.rpc.chain.getFinalizedHead())).number.toNumber();
      return bobFinal >= finalized.number ? apiB.rpc.chain.getBlockHash(finalized.number) : null;
    }, 'finality on bob');
    assert.equal(hashOnBob.toHex(), finalized.head.toHex(), 'both finalized the same block');

    const signer = new Keyring({ type: 'sr25519' }).addFromUri('//Charlie');
    const deployed = await submit(apiA, apiA.tx.ewasm.instantiateWithCode(0, GAS, fixture('store-deploy'), '0x' + '11'.repeat(32), null, null), signer);
    assert.equal(deployed.error, null);
    const contract = instantiatedAddress(apiA, deployed.events);
    const slot0 = '0x' + '00'.repeat(32);
    const seenByBob = await waitFor(async () => {
      const value = await apiB.call.ewasmApi.getStorage(contract, slot0);
      return value.isSome ? value.unwrap().toHex() : null;
    }, 'the contract on bob');
    assert.equal(seenByBob, '0x' + '11'.repeat(32));
  } finally {
    await apiA.disconnect();
    await apiB.disconnect();
    await alice.stop();
    await bob.stop();
  }
});

test('a restarted node keeps its contracts; purge-chain removes them', async () => {
  const basePath = tempDir('ewasm-node-');
  const args = ['--dev', '--base-path', basePath, '--port', '30633'];
  let node = await startNode(args, 19947);
  let api = await connect(19947);
  const alice = new Keyring({ type: 'sr25519' }).addFromUri('//Alice');
  const deployed = await submit(api, api.tx.ewasm.instantiateWithCode(0, GAS, fixture('store-deploy'), '0x' + '22'.repeat(32), null, null), alice);
  const contract = instantiatedAddress(api, deployed.events);
  // Let the block with the contract be finalized and written.
  await waitFor(async () => {
    const head = await api.rpc.chain.getFinalizedHead();
    return (await api.rpc.chain.getHeader(head)).number.toNumber() >= (await api.rpc.chain.getHeader(deployed.blockHash)).number.toNumber();
  }, 'finality');
  await api.disconnect();
  assert.equal(await node.stop(), 0);

  node = await startNode(args, 19947);
  api = await connect(19947);
  const slot0 = '0x' + '00'.repeat(32);
  const kept = await api.call.ewasmApi.getStorage(contract, slot0);
  assert.equal(kept.isSome && kept.unwrap().toHex(), '0x' + '22'.repeat(32), 'the contract survived the restart');
  await api.disconnect();
  assert.equal(await node.stop(), 0);

  execFileSync(nodeBinary(), ['purge-chain', '--dev', '--base-path', basePath, '-y'], { stdio: 'ignore' });
  node = await startNode(args, 19947);
  api = await connect(19947);
  assert.ok((await api.call.ewasmApi.getStorage(contract, slot0)).isNone, 'purge-chain started the chain afresh');
  await api.disconnect();
  assert.equal(await node.stop(), 0);
});

test('export-chain-spec prints the local chain specification', () => {
  const spec = JSON.parse(execFileSync(nodeBinary(), ['export-chain-spec', '--chain', 'local'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
    maxBuffer: 256 * 1024 * 1024, // the spec carries the runtime's wasm as hex
  }));
  assert.equal(spec.id, 'ewasm_local');
  assert.ok(spec.genesis);
});
