//! The Ethereum Environment Interface: every host function declared once, with its signature.
//!
//! The table below is the single source for the import-signature check in
//! [`crate::prepare`], for the host functions each frame instantiates its module with and for
//! the documentation of each function.

mod calls;
mod context;
mod control;
mod debug;
pub(crate) mod memory;
mod state;

use crate::{host::Host, runtime::Frame};
use alloc::vec::Vec;
use wasmi::{Extern, ExternType, Func, Module, Store};

/// The import namespace of the EEI.
pub const NAMESPACE: &str = "ethereum";
/// The import namespace of the debug functions (only where the chain enables them).
pub const DEBUG_NAMESPACE: &str = "debug";

/// A wasm value type in an EEI signature.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValKind {
    /// `i32` (also pointers into memory).
    I32,
    /// `i64`.
    I64,
}

/// One host function: its import name and wasm signature.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HostFunction {
    /// Import name.
    pub name: &'static str,
    /// Parameter types.
    pub params: &'static [ValKind],
    /// Result types (empty or one).
    pub results: &'static [ValKind],
}

macro_rules! host_functions {
    (
        $(#[$table_doc:meta])* $table:ident, $define:ident, $namespace:expr;
        $( $name:literal => $module:ident :: $body:ident ( $($param:ident),* ) $( -> $result:ident )? ; )*
    ) => {
        $(#[$table_doc])*
        pub const $table: &[HostFunction] = &[
            $( HostFunction {
                name: $name,
                params: &[$(ValKind::$param),*],
                results: &[$(ValKind::$result)?],
            }, )*
        ];

        /// The function named `name` of this namespace, if there is one.
        fn $define<H: Host + 'static>(store: &mut Store<Frame<'_, H>>, name: &str) -> Option<Func> {
            match name {
                $( $name => Some(Func::wrap(&mut *store, $module::$body::<H>)), )*
                _ => None,
            }
        }
    };
}

host_functions! {
    /// The 33 EEI functions of ewasm/design `eth_interface.md`.
    FUNCTIONS, define_eei, NAMESPACE;
    "useGas" => control::use_gas(I64);
    "getGasLeft" => control::get_gas_left() -> I64;
    "getAddress" => context::get_address(I32);
    "getExternalBalance" => state::get_external_balance(I32, I32);
    "getBlockHash" => context::get_block_hash(I64, I32) -> I32;
    "call" => calls::call(I64, I32, I32, I32, I32) -> I32;
    "callCode" => calls::call_code(I64, I32, I32, I32, I32) -> I32;
    "callDelegate" => calls::call_delegate(I64, I32, I32, I32) -> I32;
    "callStatic" => calls::call_static(I64, I32, I32, I32) -> I32;
    "create" => calls::create(I32, I32, I32, I32) -> I32;
    "storageStore" => state::storage_store(I32, I32);
    "storageLoad" => state::storage_load(I32, I32);
    "getCaller" => context::get_caller(I32);
    "getCallValue" => context::get_call_value(I32);
    "callDataCopy" => context::call_data_copy(I32, I32, I32);
    "getCallDataSize" => context::get_call_data_size() -> I32;
    "codeCopy" => context::code_copy(I32, I32, I32);
    "getCodeSize" => context::get_code_size() -> I32;
    "externalCodeCopy" => state::external_code_copy(I32, I32, I32, I32);
    "getExternalCodeSize" => state::get_external_code_size(I32) -> I32;
    "getBlockCoinbase" => context::get_block_coinbase(I32);
    "getBlockDifficulty" => context::get_block_difficulty(I32);
    "getBlockGasLimit" => context::get_block_gas_limit() -> I64;
    "getTxGasPrice" => context::get_tx_gas_price(I32);
    "log" => control::log(I32, I32, I32, I32, I32, I32, I32);
    "getBlockNumber" => context::get_block_number() -> I64;
    "getTxOrigin" => context::get_tx_origin(I32);
    "finish" => control::finish(I32, I32);
    "revert" => control::revert(I32, I32);
    "getReturnDataSize" => calls::get_return_data_size() -> I32;
    "returnDataCopy" => calls::return_data_copy(I32, I32, I32);
    "selfDestruct" => control::self_destruct(I32);
    "getBlockTimestamp" => context::get_block_timestamp() -> I64;
}

host_functions! {
    /// Debug-mode functions (`contract_interface.md`); no-ops that cost nothing.
    DEBUG_FUNCTIONS, define_debug, DEBUG_NAMESPACE;
    "print32" => debug::print32(I32);
    "print64" => debug::print64(I64);
    "printMem" => debug::print_mem(I32, I32);
    "printMemHex" => debug::print_mem(I32, I32);
    "printStorage" => debug::print_storage(I32);
    "printStorageHex" => debug::print_storage(I32);
}

/// The host functions `module` imports, in its import order, for `Instance::new`: EEI
/// functions always, debug functions when `allow_debug`. `None` if an import is none of these (unknown, not a function, or of a namespace the
/// frame may not use). Only what the module imports is wrapped, with no linker between: a
/// linker of all the functions for every frame cost more than a small contract's whole call,
/// and a linker of the imported ones still spent a sixth of a small frame interning and
/// looking up names.
pub(crate) fn imports<H: Host + 'static>(
    store: &mut Store<Frame<'_, H>>,
    module: &Module,
    allow_debug: bool,
) -> Option<Vec<Extern>> {
    module
        .imports()
        .map(|import| {
            if !matches!(import.ty(), ExternType::Func(_)) {
                return None;
            }
            let name = import.name();
            let func = match import.module() {
                NAMESPACE => define_eei(store, name),
                DEBUG_NAMESPACE if allow_debug => define_debug(store, name),
                _ => None,
            };
            func.map(Extern::Func)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eei_has_33_distinct_functions() {
        assert_eq!(FUNCTIONS.len(), 33);
        let mut names: alloc::vec::Vec<_> = FUNCTIONS.iter().map(|f| f.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), 33);
    }
}
