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

    /// Dry-runs with `gas_limit` (or the block gas limit) and, when it succeeds, finds the
    /// smallest gas limit that still succeeds by bisection. `created`: report the contract as
    /// created (instantiations).
    fn dry_run(
        run: &dyn Fn(u64) -> Result<Outcome, Error<T>>,
        gas_limit: Option<u64>,
        created: bool,
    ) -> ExecResult {
        let limit = gas_limit.unwrap_or_else(T::BlockGasLimit::get);
        let outcome = match Self::rolled_back(run, limit) {
            Ok(outcome) => outcome,
            Err(error) => {
                let reason: &'static str = error.into();
                return ExecResult {
                    status: ApiStatus::Failed(reason.to_string()),
                    gas_used: 0,
                    gas_required: 0,
                    return_data: Vec::new(),
                    logs: Vec::new(),
                    created: None,
                };
            }
        };
        let succeeds =
            |gas| Self::rolled_back(run, gas).is_ok_and(|o| o.status == ExecStatus::Success);
        let gas_required = if outcome.status == ExecStatus::Success {
            let (mut low, mut high) = (outcome.gas_used, limit);
            while low < high {
                let mid = low + (high - low) / 2;
                if succeeds(mid) {
                    high = mid
                } else {
                    low = mid + 1
                }
            }
            high
        } else {
            outcome.gas_used
        };
        let status = match outcome.status {
            ExecStatus::Success => ApiStatus::Success,
            ExecStatus::Revert => ApiStatus::Reverted,
            ExecStatus::Halt(reason) => ApiStatus::Failed(reason.reason().to_string()),
        };
        ExecResult {
            created: (created && status == ApiStatus::Success).then_some(outcome.contract),
            status,
            gas_used: outcome.gas_used,
            gas_required,
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
