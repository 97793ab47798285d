//! Dry-runs for the runtime API: the extrinsics' execution inside a storage layer that is always
//! rolled back, with a gas estimate.

use crate::{
    api::{Code, ExecResult, ExecStatus as ApiStatus, LogEntry},
    exec::Outcome,
    Config, Error, Pallet,
};
use alloc::{string::ToString, vec::Vec};
use ewasm_engine::ExecStatus;
use frame_support::{
    storage::{with_transaction, TransactionOutcome},
    traits::Get,
};
use sp_core::{H160, H256};
use sp_runtime::DispatchError;

/// Most re-executions a dry-run makes to find its gas estimate (each with at most the block gas
/// limit), so one runtime API call does a bounded amount of work.
pub const MAX_ESTIMATE_PROBES: u32 = 24;

impl<T: Config> Pallet<T> {
    /// Runs `run` with `gas` and discards every state change.
    fn rolled_back(
        run: &dyn Fn(u64) -> Result<Outcome, Error<T>>,
        gas: u64,
    ) -> Result<Outcome, Error<T>> {
        let result =
            with_transaction(|| TransactionOutcome::Rollback(Ok::<_, DispatchError>(run(gas))));
        result.unwrap_or(Err(Error::<T>::ContractTrapped))
    }

    /// Dry-runs with `gas_limit`, clamped to the block gas limit (the most an extrinsic may
    /// use; `None` means that much) and, when it succeeds, estimates the gas an extrinsic needs
    /// ([`Self::gas_required`]). `created`: report the contract as created (instantiations).
    fn dry_run(
        run: &dyn Fn(u64) -> Result<Outcome, Error<T>>,
        gas_limit: Option<u64>,
        created: bool,
    ) -> ExecResult {
        let max = T::BlockGasLimit::get();
        let limit = gas_limit.map_or(max, |gas| gas.min(max));
        let outcome = match Self::rolled_back(run, limit) {
            Ok(outcome) => outcome,
            Err(error) => {
                let reason: &'static str = error.into();
                return ExecResult {
                    status: ApiStatus::Failed(reason.to_string()),
                    gas_used: 0,
                    ethereum_gas_used: 0,
                    gas_required: 0,
                    return_data: Vec::new(),
                    logs: Vec::new(),
                    created: None,
                    storage_deposit: Default::default(),
                };
            }
        };
        let gas_required = if outcome.status == ExecStatus::Success {
            Self::gas_required(run, outcome.gas_consumed, limit)
        } else {
            outcome.gas_used
        };
        let status = match outcome.status {
            ExecStatus::Success if outcome.deposit_failure.is_some() => {
                ApiStatus::Failed("StorageDepositNotEnoughFunds".to_string())
            }
            ExecStatus::Success => ApiStatus::Success,
            ExecStatus::Revert => ApiStatus::Reverted,
            ExecStatus::Halt(reason) => ApiStatus::Failed(reason.reason().to_string()),
        };
        ExecResult {
            created: (created && status == ApiStatus::Success).then_some(outcome.contract),
            status,
            gas_used: outcome.gas_used,
            ethereum_gas_used: outcome.ethereum_gas_used,
            gas_required,
            storage_deposit: outcome.storage_deposit,
            return_data: outcome.output,
            logs: outcome
                .logs
                .into_iter()
                .map(|log| LogEntry {
                    contract: log.address,
                    topics: log.topics,
                    data: log.data,
                })
                .collect(),
        }
    }

    /// The least gas limit with which `run` succeeds, given that it succeeded with `limit` and
    /// used `used`. It exceeds `used` where a frame forwards all but a 64th of its gas (EIP-150)
    /// to a callee that needs all of it. `used` is tried first (most calls need no more), then
    /// limits above `used` by a 63rd of it, doubling the margin each time, then bisection. At most
    /// [`MAX_ESTIMATE_PROBES`] executions: if they run out, the smallest limit seen to succeed.
    fn gas_required(run: &dyn Fn(u64) -> Result<Outcome, Error<T>>, used: u64, limit: u64) -> u64 {
        let probes = core::cell::Cell::new(0u32);
        let succeeds = |gas: u64| {
            probes.set(probes.get() + 1);
            Self::rolled_back(run, gas)
                .is_ok_and(|o| o.status == ExecStatus::Success && o.deposit_failure.is_none())
        };
        if used >= limit || succeeds(used) {
            return used.min(limit);
        }
        // Invariant: `low - 1` fails, `high` succeeds.
        let (mut low, mut high) = (used + 1, limit);
        // One frame forwarding all but a 64th to a callee that needs what it used: a 63rd more.
        let mut step = used / 63 + 1;
        loop {
            let guess = used.saturating_add(step);
            if guess >= high || probes.get() >= MAX_ESTIMATE_PROBES {
                break;
            }
            if succeeds(guess) {
                high = guess;
                break;
            }
            low = guess + 1;
            step = step.saturating_mul(2);
        }
        while low < high && probes.get() < MAX_ESTIMATE_PROBES {
            let mid = low + (high - low) / 2;
            if succeeds(mid) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        high
    }

    /// `EwasmApi::call`.
    pub fn dry_run_call(
        origin: T::AccountId,
        dest: H160,
        value: u128,
        gas_limit: Option<u64>,
        data: Vec<u8>,
    ) -> ExecResult {
        let run = |gas| Self::bare_call(&origin, dest, value, gas, data.clone());
        Self::dry_run(&run, gas_limit, false)
    }

    /// `EwasmApi::instantiate`.
    pub fn dry_run_instantiate(
        origin: T::AccountId,
        value: u128,
        gas_limit: Option<u64>,
        code: Code,
        data: Vec<u8>,
        salt: Option<H256>,
    ) -> ExecResult {
        let run =
            |gas| Self::bare_instantiate(&origin, value, gas, code.clone(), data.clone(), salt);
        Self::dry_run(&run, gas_limit, true)
    }
}
