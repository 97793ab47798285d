// sTPS of ERC20 transfers on a running node, counted as smart-bench counts it: the transfers in
// full blocks ÷ (those blocks × the block time). A full block is every block with transfers but
// the last, which takes what is left.
//
//   ./scripts/run-dev-node.sh --tmp          # in another terminal
//   cd tests/e2e && npm ci && node stps.mjs [--transfers 3000] [--url ws://127.0.0.1:9944]
//
// Deploys the corpus's Token (solc 0.8.37) from Alice, then submits every transfer at once (Alice,
// consecutive nonces, 1 token each to a fresh address: each one writes a new balance slot) with
// the gas limit a dry-run of one requires. Prints per block the transfers, the normal-class
// weight used against its limit, and what each transfer was charged (ref_time and proof_size);
// then the sTPS.
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { Interface, keccak256, toUtf8Bytes } from 'ethers';
import { parseArgs } from 'node:util';
import { evmArtifact, instantiatedAddress, submit } from './helpers.mjs';

const { values: opts } = parseArgs({
  options: {
    transfers: { type: 'string', default: '3000' },
    url: { type: 'string', default: 'ws://127.0.0.1:9944' },
    'timeout-blocks': { type: 'string', default: '100' },
  },
});
const transfers = Number(opts.transfers);
const api = await ApiPromise.create({ provider: new WsProvider(opts.url), noInitWarn: true });
const alice = new Keyring({ type: 'sr25519' }).addFromUri('//Alice');
const token = evmArtifact('Token');
const erc20 = new Interface(token.abi);

const deployGas = 1_500_000;
const deployment = await submit(
  api,
  api.tx.ewasm.instantiateWithCode(0, deployGas, '0x' + token.bytecode, erc20.encodeDeploy(['Bench', 'B', 10n ** 30n]), null, null),
  alice,
);
if (deployment.error) throw new Error(`the deployment failed: ${deployment.error}`);
const contract = instantiatedAddress(api, deployment.events);

const recipient = (i) => keccak256(toUtf8Bytes(`stps recipient ${i}`)).slice(0, 42);
const transferData = (i) => erc20.encodeFunctionData('transfer', [recipient(i), 1n]);
const planned = await api.call.ewasmApi.call(alice.address, contract, 0, null, transferData(transfers));
if (!planned.status.isSuccess) throw new Error(`the dry-run failed: ${planned.status.toString()}`);
const gasLimit = planned.gasRequired.toBigInt();
const slotMs = (await api.call.auraApi.slotDuration()).toNumber();
const normalLimit = api.consts.system.blockWeights.perClass.normal.maxTotal.unwrap();
console.log(`Token at ${contract}; ${transfers} transfers at ${gasLimit} gas each (dry-run: ${planned.gasUsed} used); ${slotMs} ms blocks`);

// Sign everything first, so that submission is not paced by signing.
const firstNonce = (await api.rpc.system.accountNextIndex(alice.address)).toNumber();
const signed = [];
for (let i = 0; i < transfers; i++) {
  signed.push(await api.tx.ewasm.call(contract, 0, gasLimit, transferData(i), null).signAsync(alice, { nonce: firstNonce + i }));
}

const blocks = [];
let included = 0;
const done = new Promise((resolve, reject) => {
  let seen = 0;
  api.rpc.chain.subscribeNewHeads(async (header) => {
    const hash = header.hash;
    const [block, events, weight] = await Promise.all([
      api.rpc.chain.getBlock(hash),
      api.query.system.events.at(hash),
      api.query.system.blockWeight.at(hash),
    ]);
    const charged = [];
    block.block.extrinsics.forEach((xt, index) => {
      if (!api.tx.ewasm.call.is(xt.method)) return;
      const outcome = events.find(({ phase, event }) => phase.isApplyExtrinsic && phase.asApplyExtrinsic.toNumber() === index
        && (api.events.system.ExtrinsicSuccess.is(event) || api.events.system.ExtrinsicFailed.is(event)));
      if (!outcome || !api.events.system.ExtrinsicSuccess.is(outcome.event)) {
        reject(new Error(`transfer ${index} of block ${header.number} failed`));
        return;
      }
      charged.push(outcome.event.data.dispatchInfo.weight);
    });
    seen += 1;
    if (charged.length > 0) {
      included += charged.length;
      const sum = (f) => charged.reduce((a, w) => a + f(w).toBigInt(), 0n);
      const entry = {
        number: header.number.toNumber(),
        transfers: charged.length,
        normal: weight.normal,
        refTimeUs: Number(sum((w) => w.refTime)) / charged.length / 1e6,
        proofBytes: Number(sum((w) => w.proofSize)) / charged.length,
      };
      blocks.push(entry);
      const share = (part, whole) => ((100 * Number(part.toBigInt())) / Number(whole.toBigInt())).toFixed(1);
      console.log(`block #${entry.number}: ${entry.transfers} transfers; normal weight ${share(entry.normal.refTime, normalLimit.refTime)} % of ref_time, `
        + `${share(entry.normal.proofSize, normalLimit.proofSize)} % of proof; charged per transfer ${entry.refTimeUs.toFixed(0)} µs, ${entry.proofBytes.toFixed(0)} B`);
    }
    if (included >= transfers) resolve();
    else if (seen > Number(opts['timeout-blocks'])) reject(new Error(`only ${included} of ${transfers} included after ${seen} blocks`));
  }).catch(reject);
});

const submitted = Date.now();
// In batches well below the pool's future limit (819): a batch's transactions can arrive out of
// nonce order, and a pool that drops one for the limit strands every later nonce behind it.
const BATCH = 200;
for (let i = 0; i < signed.length; i += BATCH) {
  await Promise.all(signed.slice(i, i + BATCH).map((xt) => api.rpc.author.submitExtrinsic(xt)));
}
console.log(`submitted ${transfers} in ${((Date.now() - submitted) / 1000).toFixed(1)} s`);
await done;

const full = blocks.length > 1 ? blocks.slice(0, -1) : blocks;
const inFull = full.reduce((a, b) => a + b.transfers, 0);
const stps = inFull / ((full.length * slotMs) / 1000);
const avg = (f) => blocks.reduce((a, b) => a + f(b) * b.transfers, 0) / included;
console.log(`sTPS ${stps.toFixed(1)}: ${inFull} transfers in ${full.length} full blocks of ${slotMs} ms; `
  + `charged per transfer ${avg((b) => b.refTimeUs).toFixed(0)} µs ref_time and ${avg((b) => b.proofBytes).toFixed(0)} B proof`);
await api.disconnect();
