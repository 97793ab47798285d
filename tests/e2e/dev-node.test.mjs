// polkadot.js against `ewasm-node --dev --tmp`, with no custom type definitions: deploy and call
// a Solidity ERC20 compiled by a current solc (EVM bytecode, interpreted on chain) and a
// solc-ewasm contract, decode an Ewasm.Log back to its Solidity event, dry-run through
// api.call.ewasmApi, and see a reverting call fail with ContractReverted and change nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { Interface } from 'ethers';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { abi, connect, evmArtifact, fixture, instantiatedAddress, revmGas, root, startNode, submit } from './helpers.mjs';

const RPC_PORT = 19944;
const GAS = 1_000_000; // within both chains' block gas limits (api.consts.ewasm.blockGasLimit)
// Deployments: the code deposit (200 gas per byte of runtime code) of Store needs more than 1 M;
// the upload's weight still fits a normal extrinsic beside 1.5 M.
const DEPLOY_GAS = 1_500_000;
let node;
let api;
let alice;

before(async () => {
  node = await startNode(['--dev', '--tmp', '--port', '30433'], RPC_PORT);
  api = await connect(RPC_PORT);
  alice = new Keyring({ type: 'sr25519' }).addFromUri('//Alice');
});

after(async () => {
  await api?.disconnect();
  const code = await node?.stop();
  assert.equal(code, 0, 'the node shuts down cleanly on SIGINT');
});

test('a Solidity contract is deployed, called with ABI data and read through EwasmApi', async () => {
  const store = new Interface(abi('Store'));
  const deployed = await submit(api, api.tx.ewasm.instantiateWithCode(0, DEPLOY_GAS, fixture('Store'), '0x', null, null), alice);
  assert.equal(deployed.error, null);
  const contract = instantiatedAddress(api, deployed.events);

  const set = await submit(api, api.tx.ewasm.call(contract, 0, GAS, store.encodeFunctionData('set', [42n]), null), alice);
  assert.equal(set.error, null);
  assert.ok(set.events.some(({ event }) => api.events.ewasm.Called.is(event)));

  // slot 0 holds the value (solc's ewasm backend mangles the upper lanes of the word: README).
  const slot0 = await api.call.ewasmApi.getStorage(contract, '0x' + '00'.repeat(32));
  assert.equal(slot0.unwrap().toU8a()[31], 42);

  const read = await api.call.ewasmApi.call(alice.address, contract, 0, null, store.encodeFunctionData('get', []));
  assert.ok(read.status.isSuccess, `dry-run status ${read.status}`);
  assert.ok(read.gasUsed.toBigInt() > 0n && read.gasUsed.toBigInt() <= read.gasRequired.toBigInt());
  const [value] = store.decodeFunctionResult('get', read.returnData.toHex());
  assert.equal(value & 0xffn, 42n);
});

test('an Ewasm.Log decodes to its Solidity event; a revert fails with ContractReverted', async () => {
  const events = new Interface(['event ValueSet(uint256 value)']);
  const deployed = await submit(api, api.tx.ewasm.instantiateWithCode(0, DEPLOY_GAS, fixture('store-deploy'), '0x', null, null), alice);
  assert.equal(deployed.error, null);
  const contract = instantiatedAddress(api, deployed.events);

  const value = 0x0102030405060708n;
  const setData = '0x01' + value.toString(16).padStart(64, '0');
  const set = await submit(api, api.tx.ewasm.call(contract, 0, GAS, setData, null), alice);
  assert.equal(set.error, null);
  const log = set.events.find(({ event }) => api.events.ewasm.Log.is(event)).event;
  assert.equal(log.data.contract.toHex(), contract);
  const parsed = events.parseLog({
    topics: log.data.topics.map((t) => t.toHex()),
    data: log.data.data.toHex(),
  });
  assert.equal(parsed.name, 'ValueSet');
  assert.equal(parsed.args.value, value);

  const slot0 = '0x' + '00'.repeat(32);
  const before = (await api.call.ewasmApi.getStorage(contract, slot0)).toHex();
  const reverted = await submit(api, api.tx.ewasm.call(contract, 0, GAS, '0x02', null), alice);
  assert.equal(reverted.error, 'ewasm.ContractReverted');
  assert.equal((await api.call.ewasmApi.getStorage(contract, slot0)).toHex(), before);
  assert.equal(before, '0x' + value.toString(16).padStart(64, '0'));
});

test('a Solidity ERC20 from a current solc is deployed with constructor arguments and used', async () => {
  const token = evmArtifact('Token');
  const erc20 = new Interface(token.abi);
  const supply = 10n ** 24n;
  const args = erc20.encodeDeploy(['Ewasm Token', 'EWT', supply]);
  const deployed = await submit(api, api.tx.ewasm.instantiateWithCode(0, DEPLOY_GAS, '0x' + token.bytecode, args, null, null), alice);
  assert.equal(deployed.error, null);
  const contract = instantiatedAddress(api, deployed.events);
  const bobAccount = new Keyring({ type: 'sr25519' }).addFromUri('//Bob').address;
  const aliceAddress = (await api.call.ewasmApi.addressOf(alice.address)).toHex();
  const bobAddress = (await api.call.ewasmApi.addressOf(bobAccount)).toHex();
  const read = async (fn, args) => {
    const result = await api.call.ewasmApi.call(alice.address, contract, 0, null, erc20.encodeFunctionData(fn, args));
    assert.ok(result.status.isSuccess, `${fn}: ${result.status}`);
    return erc20.decodeFunctionResult(fn, result.returnData.toHex());
  };
  assert.deepEqual([...(await read('name', []))], ['Ewasm Token']);
  assert.equal((await read('balanceOf', [aliceAddress]))[0], supply);

  // Bob's first tokens take a new storage slot: the dry-run reports its deposit, and the
  // transfer fails with a limit below it.
  const transferData = erc20.encodeFunctionData('transfer', [bobAddress, 1000n]);
  const planned = await api.call.ewasmApi.call(alice.address, contract, 0, null, transferData);
  assert.ok(planned.storageDeposit.isCharge, `deposit ${planned.storageDeposit}`);
  const deposit = planned.storageDeposit.asCharge.toBigInt();
  assert.ok(deposit > 0n);
  const short = await submit(api, api.tx.ewasm.call(contract, 0, GAS, transferData, deposit - 1n), alice);
  assert.equal(short.error, 'ewasm.StorageDepositLimitExhausted');
  const sent = await submit(api, api.tx.ewasm.call(contract, 0, GAS, transferData, deposit), alice);
  assert.equal(sent.error, null);
  const log = sent.events.find(({ event }) => api.events.ewasm.Log.is(event)).event;
  const transfer = erc20.parseLog({ topics: log.data.topics.map((t) => t.toHex()), data: log.data.data.toHex() });
  assert.equal(transfer.name, 'Transfer');
  assert.equal(transfer.args.from.toLowerCase(), aliceAddress);
  assert.equal(transfer.args.to.toLowerCase(), bobAddress);
  assert.equal(transfer.args.value, 1000n);
  assert.equal((await read('balanceOf', [bobAddress]))[0], 1000n);

  // The events report the gas an Ethereum receipt shows for the same transactions: revm's.
  const [revmDeploy, revmTransfer] = revmGas(aliceAddress, '0x' + token.bytecode + args.slice(2), [transferData]);
  const gasOf = (events, name) => events.find(({ event }) => api.events.ewasm[name].is(event)).event.data.gasUsed;
  assert.equal(revmDeploy.status, 'Success');
  assert.equal(gasOf(deployed.events, 'Instantiated').unwrap().toBigInt(), revmDeploy.gas);
  assert.equal(gasOf(sent.events, 'Called').toBigInt(), revmTransfer.gas);
  assert.equal(planned.ethereumGasUsed.toBigInt(), revmTransfer.gas);

  // Too much: the dry-run returns the custom error, the extrinsic fails and nothing changes.
  const tooMuch = erc20.encodeFunctionData('transfer', [aliceAddress, supply]);
  const dry = await api.call.ewasmApi.call(bobAccount, contract, 0, null, tooMuch);
  assert.ok(dry.status.isReverted, `status ${dry.status}`);
  const error = erc20.parseError(dry.returnData.toHex());
  assert.equal(error.name, 'InsufficientBalance');
  assert.equal(error.args.available, 1000n);
  const bob = new Keyring({ type: 'sr25519' }).addFromUri('//Bob');
  const failed = await submit(api, api.tx.ewasm.call(contract, 0, GAS, tooMuch, null), bob);
  assert.equal(failed.error, 'ewasm.ContractReverted');
  assert.equal((await read('balanceOf', [bobAddress]))[0], 1000n);
});

test('the sTPS benchmark (stps.mjs) sees every transfer it submits land and counts them', async () => {
  const transfers = 40;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['stps.mjs', '--transfers', String(transfers), '--url', `ws://127.0.0.1:${RPC_PORT}`],
    { cwd: `${root}/tests/e2e`, timeout: 180_000 },
  );
  const counted = [...stdout.matchAll(/^block #\d+: (\d+) transfers/gm)].reduce((sum, [, n]) => sum + Number(n), 0);
  assert.equal(counted, transfers, stdout);
  assert.match(stdout.trim().split('\n').at(-1), /^sTPS \d+\.\d: \d+ transfers in \d+ full blocks of \d+ ms; charged per transfer \d+ µs ref_time and \d+ B proof$/);
});
