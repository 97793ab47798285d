;; The runtime library every translated contract carries: EVM stack, memory and operand helpers.
;;
;; The translator copies this module's imports, globals and functions verbatim and appends
;; `main` (the translated bytecode) and a data segment (the sorted JUMPDEST table). Layout of
;; linear memory:
;;   [0, 0x8000)        EVM stack: 1024 words of 32 big-endian bytes; $sp is the next free slot
;;   [0x8000, 0x8100)   scratch for EEI values (128-bit little-endian) and addresses
;;   [0x8100, ...)      JUMPDEST table: u16 program counters, ascending ($jumps entries)
;;   [$index, ...)      its index, built by `main`: a u16 per program counter below $pcs, the
;;                      section of the JUMPDEST there or 0 (an O(1) lookup for dynamic jumps)
;;   [seen, ...)        a byte per section, set by `main` when the frame first enters it
;;   [$mem_base, ...)   EVM memory ($msize bytes, always a multiple of 32)
;; `main` and the sections (one function per JUMPDEST) come from the translator.
;; Words keep the EVM's big-endian byte order, so storage keys/values, topics, hashes and memory
;; are plain copies; bitwise operations and equality run in wasm, other 256-bit arithmetic
;; natively in the host (`evm.u256`).
(module
  (import "ethereum" "useGas" (func $useGas (param i64)))
  (import "ethereum" "getGasLeft" (func $getGasLeft (result i64)))
  (import "ethereum" "getAddress" (func $getAddress (param i32)))
  (import "ethereum" "getExternalBalance" (func $getExternalBalance (param i32 i32)))
  (import "ethereum" "getBlockHash" (func $getBlockHash (param i64 i32) (result i32)))
  (import "ethereum" "call" (func $call (param i64 i32 i32 i32 i32) (result i32)))
  (import "ethereum" "callCode" (func $callCode (param i64 i32 i32 i32 i32) (result i32)))
  (import "ethereum" "callDelegate" (func $callDelegate (param i64 i32 i32 i32) (result i32)))
  (import "ethereum" "callStatic" (func $callStatic (param i64 i32 i32 i32) (result i32)))
  (import "ethereum" "create" (func $create (param i32 i32 i32 i32) (result i32)))
  (import "ethereum" "getCaller" (func $getCaller (param i32)))
  (import "ethereum" "getCallValue" (func $getCallValue (param i32)))
  (import "ethereum" "callDataCopy" (func $callDataCopy (param i32 i32 i32)))
  (import "ethereum" "getCallDataSize" (func $getCallDataSize (result i32)))
  (import "ethereum" "codeCopy" (func $codeCopy (param i32 i32 i32)))
  (import "ethereum" "getCodeSize" (func $getCodeSize (result i32)))
  (import "ethereum" "externalCodeCopy" (func $externalCodeCopy (param i32 i32 i32 i32)))
  (import "ethereum" "getExternalCodeSize" (func $getExternalCodeSize (param i32) (result i32)))
  (import "ethereum" "getBlockCoinbase" (func $getBlockCoinbase (param i32)))
  (import "ethereum" "getBlockDifficulty" (func $getBlockDifficulty (param i32)))
  (import "ethereum" "getBlockGasLimit" (func $getBlockGasLimit (result i64)))
  (import "ethereum" "getTxGasPrice" (func $getTxGasPrice (param i32)))
  (import "ethereum" "log" (func $log (param i32 i32 i32 i32 i32 i32 i32)))
  (import "ethereum" "getBlockNumber" (func $getBlockNumber (result i64)))
  (import "ethereum" "getTxOrigin" (func $getTxOrigin (param i32)))
  (import "ethereum" "finish" (func $finish (param i32 i32)))
  (import "ethereum" "revert" (func $revert (param i32 i32)))
  (import "ethereum" "getReturnDataSize" (func $getReturnDataSize (result i32)))
  (import "ethereum" "returnDataCopy" (func $returnDataCopy (param i32 i32 i32)))
  (import "ethereum" "getBlockTimestamp" (func $getBlockTimestamp (result i64)))
  ;; Host extensions (native in the engine, see the engine's `eei::evm`).
  (import "evm" "u256" (func $u256 (param i32 i32) (result i32)))
  (import "evm" "keccak256" (func $keccak256 (param i32 i32 i32)))
  (import "evm" "create2" (func $create2 (param i32 i32 i32 i32 i32) (result i32)))
  (import "evm" "externalCodeHash" (func $externalCodeHash (param i32 i32)))
  (import "evm" "tload" (func $tload (param i32 i32)))
  (import "evm" "tstore" (func $tstore (param i32 i32)))
  (import "evm" "blockValue" (func $blockValue (param i32 i32)))
  (import "evm" "accountAccess" (func $accountAccess (param i32)))
  (import "evm" "sload" (func $sload (param i32 i32)))
  (import "evm" "sstore" (func $sstore (param i32 i32)))
  (import "evm" "blobHash" (func $blobHash (param i32)))
  (import "evm" "selfDestruct" (func $selfDestruct (param i32)))
  ;; Charges the weight of compiling a section, the first time the frame enters it.
  (import "evm" "enterSection" (func $enterSection (param i32)))

  (global $sp (mut i32) (i32.const 0))
  (global $msize (mut i32) (i32.const 0))
  (global $mem_base (mut i32) (i32.const 0))
  (global $jumps (mut i32) (i32.const 0))
  ;; Where the JUMPDEST index is, and its entries (the last JUMPDEST's program counter + 1).
  (global $index (mut i32) (i32.const 0))
  (global $pcs (mut i32) (i32.const 0))
  ;; The frame's call data size (`main` reads it once: translated code pays no EEI gas).
  (global $call_data_size (mut i32) (i32.const 0))
  ;; The section a taken JUMPI goes to.
  (global $target (mut i32) (i32.const 0))

  ;; ---- segment entry: static gas of the straight-line code that follows, stack bounds ----

  (func $enter (param $gas i64) (param $min i32) (param $max i32)
    (if (i64.ne (local.get $gas) (i64.const 0)) (then (call $useGas (local.get $gas))))
    (if (i32.lt_u (global.get $sp) (local.get $min)) (then unreachable))
    (if (i32.gt_u (i32.add (global.get $sp) (local.get $max)) (i32.const 0x8000))
      (then unreachable)))

  ;; ---- words ----

  (func $bswap32 (param $x i32) (result i32)
    (i32.or
      (i32.and (i32.rotl (local.get $x) (i32.const 8)) (i32.const 0x00ff00ff))
      (i32.and (i32.rotr (local.get $x) (i32.const 8)) (i32.const 0xff00ff00))))

  (func $zero (param $p i32)
    (i64.store (local.get $p) (i64.const 0))
    (i64.store offset=8 (local.get $p) (i64.const 0))
    (i64.store offset=16 (local.get $p) (i64.const 0))
    (i64.store offset=24 (local.get $p) (i64.const 0)))

  (func $copy_word (param $dst i32) (param $src i32)
    (i64.store (local.get $dst) (i64.load (local.get $src)))
    (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $src)))
    (i64.store offset=16 (local.get $dst) (i64.load offset=16 (local.get $src)))
    (i64.store offset=24 (local.get $dst) (i64.load offset=24 (local.get $src))))

  (func $is_zero (param $p i32) (result i32)
    (i64.eqz (i64.or
      (i64.or (i64.load (local.get $p)) (i64.load offset=8 (local.get $p)))
      (i64.or (i64.load offset=16 (local.get $p)) (i64.load offset=24 (local.get $p))))))

  ;; Whether the word fits in 32 bits.
  (func $fits32 (param $p i32) (result i32)
    (i64.eqz (i64.or
      (i64.or (i64.load (local.get $p)) (i64.load offset=8 (local.get $p)))
      (i64.or (i64.load offset=16 (local.get $p))
              (i64.extend_i32_u (i32.load offset=24 (local.get $p)))))))

  (func $low32 (param $p i32) (result i32)
    (call $bswap32 (i32.load offset=28 (local.get $p))))

  ;; The word as a 32-bit offset or length; larger values could never be paid for in memory
  ;; gas, so they fail the frame as running out of gas would.
  (func $u32 (param $p i32) (result i32)
    (if (i32.eqz (call $fits32 (local.get $p))) (then unreachable))
    (call $low32 (local.get $p)))

  ;; The word as a 32-bit number, 0xffffffff if larger: for offsets that only need to be
  ;; compared (past any data, memory or code there is), in one call.
  (func $saturated32 (param $p i32) (result i32)
    (local $v i32)
    (if (i64.ne (i64.or
          (i64.or (i64.load (local.get $p)) (i64.load offset=8 (local.get $p)))
          (i64.or (i64.load offset=16 (local.get $p))
                  (i64.extend_i32_u (i32.load offset=24 (local.get $p)))))
        (i64.const 0))
      (then (return (i32.const -1))))
    (local.set $v (i32.load offset=28 (local.get $p)))
    (i32.or
      (i32.and (i32.rotl (local.get $v) (i32.const 8)) (i32.const 0x00ff00ff))
      (i32.and (i32.rotr (local.get $v) (i32.const 8)) (i32.const 0xff00ff00))))

  ;; The word as a gas amount for a call: values above i64::MAX mean "all there is".
  (func $gas_arg (param $p i32) (result i64)
    (if (i64.ne (i64.or (i64.or (i64.load (local.get $p)) (i64.load offset=8 (local.get $p)))
                        (i64.load offset=16 (local.get $p)))
                (i64.const 0))
      (then (return (i64.const 0x7fffffffffffffff))))
    (if (i32.lt_s (i32.load8_s offset=24 (local.get $p)) (i32.const 0))
      (then (return (i64.const 0x7fffffffffffffff))))
    (i64.or
      (i64.shl (i64.extend_i32_u (call $bswap32 (i32.load offset=24 (local.get $p)))) (i64.const 32))
      (i64.extend_i32_u (call $low32 (local.get $p)))))

  (func $store_i32 (param $p i32) (param $v i32)
    (call $zero (local.get $p))
    (i32.store offset=28 (local.get $p) (call $bswap32 (local.get $v))))

  (func $store_i64 (param $p i32) (param $v i64)
    (call $zero (local.get $p))
    (i32.store offset=24 (local.get $p)
      (call $bswap32 (i32.wrap_i64 (i64.shr_u (local.get $v) (i64.const 32)))))
    (i32.store offset=28 (local.get $p) (call $bswap32 (i32.wrap_i64 (local.get $v)))))

  ;; Word at $dst from the $n-byte little-endian value at $src (EEI balances, values).
  (func $from_le (param $src i32) (param $n i32) (param $dst i32)
    (local $i i32)
    (call $zero (local.get $dst))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (i32.store8 (i32.sub (i32.add (local.get $dst) (i32.const 31)) (local.get $i))
        (i32.load8_u (i32.add (local.get $src) (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next))))

  ;; The 256-bit big-endian word at $p as the EEI's 128-bit little-endian value, saturated: a
  ;; value above 2^128 - 1 becomes 2^128 - 1, which no balance on the chain covers, so the call
  ;; or creation fails for want of funds after charging what the EVM charges.
  (func $to_le128 (param $p i32) (param $dst i32)
    (local $i i32)
    (if (i64.ne (i64.or (i64.load (local.get $p)) (i64.load offset=8 (local.get $p))) (i64.const 0))
      (then
        (i64.store (local.get $dst) (i64.const -1))
        (i64.store offset=8 (local.get $dst) (i64.const -1))
        (return)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (i32.const 16)))
      (i32.store8 (i32.add (local.get $dst) (local.get $i))
        (i32.load8_u (i32.sub (i32.add (local.get $p) (i32.const 31)) (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next))))

  ;; ---- stack ----

  (func $push (result i32)
    (global.get $sp)
    (global.set $sp (i32.add (global.get $sp) (i32.const 32))))

  (func $top (result i32) (i32.sub (global.get $sp) (i32.const 32)))

  (func $drop (param $n i32)
    (global.set $sp (i32.sub (global.get $sp) (i32.shl (local.get $n) (i32.const 5)))))

  (func $pop (global.set $sp (i32.sub (global.get $sp) (i32.const 32))))

  ;; The stack operations translated code calls most are written without nested calls: a
  ;; wasmi call costs more than the few loads and stores they do.

  ;; PUSH of a value below 2^32; $v holds its big-endian bytes.
  (func $push_small (param $v i32)
    (local $p i32)
    (local.set $p (global.get $sp))
    (global.set $sp (i32.add (local.get $p) (i32.const 32)))
    (i64.store (local.get $p) (i64.const 0))
    (i64.store offset=8 (local.get $p) (i64.const 0))
    (i64.store offset=16 (local.get $p) (i64.const 0))
    (i64.store offset=24 (local.get $p) (i64.shl (i64.extend_i32_u (local.get $v)) (i64.const 32))))

  ;; PUSH of any value; each argument holds 8 of its big-endian bytes.
  (func $push_word (param $a i64) (param $b i64) (param $c i64) (param $d i64)
    (local $p i32)
    (local.set $p (global.get $sp))
    (global.set $sp (i32.add (local.get $p) (i32.const 32)))
    (i64.store (local.get $p) (local.get $a))
    (i64.store offset=8 (local.get $p) (local.get $b))
    (i64.store offset=16 (local.get $p) (local.get $c))
    (i64.store offset=24 (local.get $p) (local.get $d)))

  (func $push_i32 (param $v i32) (call $store_i32 (call $push) (local.get $v)))
  (func $push_i64 (param $v i64) (call $store_i64 (call $push) (local.get $v)))

  (func $dup (param $n i32)
    (local $src i32) (local $dst i32)
    (local.set $dst (global.get $sp))
    (local.set $src (i32.sub (local.get $dst) (i32.shl (local.get $n) (i32.const 5))))
    (global.set $sp (i32.add (local.get $dst) (i32.const 32)))
    (i64.store (local.get $dst) (i64.load (local.get $src)))
    (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $src)))
    (i64.store offset=16 (local.get $dst) (i64.load offset=16 (local.get $src)))
    (i64.store offset=24 (local.get $dst) (i64.load offset=24 (local.get $src))))

  (func $swap (param $n i32)
    (local $a i32) (local $b i32) (local $t i64)
    (local.set $a (i32.sub (global.get $sp) (i32.const 32)))
    (local.set $b (i32.sub (local.get $a) (i32.shl (local.get $n) (i32.const 5))))
    (local.set $t (i64.load (local.get $a)))
    (i64.store (local.get $a) (i64.load (local.get $b)))
    (i64.store (local.get $b) (local.get $t))
    (local.set $t (i64.load offset=8 (local.get $a)))
    (i64.store offset=8 (local.get $a) (i64.load offset=8 (local.get $b)))
    (i64.store offset=8 (local.get $b) (local.get $t))
    (local.set $t (i64.load offset=16 (local.get $a)))
    (i64.store offset=16 (local.get $a) (i64.load offset=16 (local.get $b)))
    (i64.store offset=16 (local.get $b) (local.get $t))
    (local.set $t (i64.load offset=24 (local.get $a)))
    (i64.store offset=24 (local.get $a) (i64.load offset=24 (local.get $b)))
    (i64.store offset=24 (local.get $b) (local.get $t)))

  ;; ---- operations on words in wasm (the byte order does not matter to them) ----

  ;; AND, OR, XOR of the two top words; EQ and ISZERO leave 0 or 1 (1 is 1 << 56 in the last
  ;; lane read little-endian); NOT inverts the top word.
  (func $op_and
    (local $a i32) (local $b i32)
    (local.set $a (i32.sub (global.get $sp) (i32.const 32)))
    (local.set $b (i32.sub (local.get $a) (i32.const 32)))
    (i64.store (local.get $b) (i64.and (i64.load (local.get $a)) (i64.load (local.get $b))))
    (i64.store offset=8 (local.get $b) (i64.and (i64.load offset=8 (local.get $a)) (i64.load offset=8 (local.get $b))))
    (i64.store offset=16 (local.get $b) (i64.and (i64.load offset=16 (local.get $a)) (i64.load offset=16 (local.get $b))))
    (i64.store offset=24 (local.get $b) (i64.and (i64.load offset=24 (local.get $a)) (i64.load offset=24 (local.get $b))))
    (global.set $sp (local.get $a)))

  (func $op_or
    (local $a i32) (local $b i32)
    (local.set $a (i32.sub (global.get $sp) (i32.const 32)))
    (local.set $b (i32.sub (local.get $a) (i32.const 32)))
    (i64.store (local.get $b) (i64.or (i64.load (local.get $a)) (i64.load (local.get $b))))
    (i64.store offset=8 (local.get $b) (i64.or (i64.load offset=8 (local.get $a)) (i64.load offset=8 (local.get $b))))
    (i64.store offset=16 (local.get $b) (i64.or (i64.load offset=16 (local.get $a)) (i64.load offset=16 (local.get $b))))
    (i64.store offset=24 (local.get $b) (i64.or (i64.load offset=24 (local.get $a)) (i64.load offset=24 (local.get $b))))
    (global.set $sp (local.get $a)))

  (func $op_xor
    (local $a i32) (local $b i32)
    (local.set $a (i32.sub (global.get $sp) (i32.const 32)))
    (local.set $b (i32.sub (local.get $a) (i32.const 32)))
    (i64.store (local.get $b) (i64.xor (i64.load (local.get $a)) (i64.load (local.get $b))))
    (i64.store offset=8 (local.get $b) (i64.xor (i64.load offset=8 (local.get $a)) (i64.load offset=8 (local.get $b))))
    (i64.store offset=16 (local.get $b) (i64.xor (i64.load offset=16 (local.get $a)) (i64.load offset=16 (local.get $b))))
    (i64.store offset=24 (local.get $b) (i64.xor (i64.load offset=24 (local.get $a)) (i64.load offset=24 (local.get $b))))
    (global.set $sp (local.get $a)))

  (func $op_not
    (local $a i32)
    (local.set $a (i32.sub (global.get $sp) (i32.const 32)))
    (i64.store (local.get $a) (i64.xor (i64.load (local.get $a)) (i64.const -1)))
    (i64.store offset=8 (local.get $a) (i64.xor (i64.load offset=8 (local.get $a)) (i64.const -1)))
    (i64.store offset=16 (local.get $a) (i64.xor (i64.load offset=16 (local.get $a)) (i64.const -1)))
    (i64.store offset=24 (local.get $a) (i64.xor (i64.load offset=24 (local.get $a)) (i64.const -1))))

  ;; The word at $p as 0 or 1.
  (func $store_bool (param $p i32) (param $v i32)
    (i64.store (local.get $p) (i64.const 0))
    (i64.store offset=8 (local.get $p) (i64.const 0))
    (i64.store offset=16 (local.get $p) (i64.const 0))
    (i64.store offset=24 (local.get $p) (i64.shl (i64.extend_i32_u (local.get $v)) (i64.const 56))))

  (func $op_iszero
    (local $a i32)
    (local.set $a (i32.sub (global.get $sp) (i32.const 32)))
    (call $store_bool (local.get $a) (i64.eqz (i64.or
      (i64.or (i64.load (local.get $a)) (i64.load offset=8 (local.get $a)))
      (i64.or (i64.load offset=16 (local.get $a)) (i64.load offset=24 (local.get $a)))))))

  (func $op_eq
    (local $a i32) (local $b i32)
    (local.set $a (i32.sub (global.get $sp) (i32.const 32)))
    (local.set $b (i32.sub (local.get $a) (i32.const 32)))
    (call $store_bool (local.get $b) (i64.eqz (i64.or
      (i64.or (i64.xor (i64.load (local.get $a)) (i64.load (local.get $b)))
              (i64.xor (i64.load offset=8 (local.get $a)) (i64.load offset=8 (local.get $b))))
      (i64.or (i64.xor (i64.load offset=16 (local.get $a)) (i64.load offset=16 (local.get $b)))
              (i64.xor (i64.load offset=24 (local.get $a)) (i64.load offset=24 (local.get $b)))))))
    (global.set $sp (local.get $a)))

  ;; ---- memory ----

  (func $mem_cost (param $words i64) (result i64)
    (i64.add (i64.mul (local.get $words) (i64.const 3))
             (i64.div_u (i64.mul (local.get $words) (local.get $words)) (i64.const 512))))

  ;; Grows EVM memory to cover $end bytes, charging the EVM's quadratic memory cost.
  (func $expand (param $end i64)
    (local $words i64) (local $need i64) (local $have i64)
    (if (i64.le_u (local.get $end) (i64.extend_i32_u (global.get $msize))) (then return))
    (local.set $words (i64.shr_u (i64.add (local.get $end) (i64.const 31)) (i64.const 5)))
    (call $useGas (i64.sub (call $mem_cost (local.get $words))
      (call $mem_cost (i64.shr_u (i64.extend_i32_u (global.get $msize)) (i64.const 5)))))
    (local.set $need (i64.add (i64.extend_i32_u (global.get $mem_base))
                              (i64.shl (local.get $words) (i64.const 5))))
    (local.set $have (i64.shl (i64.extend_i32_u (memory.size)) (i64.const 16)))
    (if (i64.gt_u (local.get $need) (local.get $have))
      (then
        (if (i32.eq (memory.grow (i32.wrap_i64 (i64.shr_u
              (i64.add (i64.sub (local.get $need) (local.get $have)) (i64.const 0xffff))
              (i64.const 16))))
            (i32.const -1))
          (then unreachable))))
    (global.set $msize (i32.wrap_i64 (i64.shl (local.get $words) (i64.const 5)))))

  ;; The wasm address of EVM memory [word at $off_p, + $len), expanded; a zero length touches
  ;; nothing, whatever the offset.
  (func $region (param $off_p i32) (param $len i32) (result i32)
    (local $off i32)
    (if (i32.eqz (local.get $len)) (then (return (global.get $mem_base))))
    (local.set $off (call $u32 (local.get $off_p)))
    (call $expand (i64.add (i64.extend_i32_u (local.get $off)) (i64.extend_i32_u (local.get $len))))
    (i32.add (global.get $mem_base) (local.get $off)))

  ;; Per-word cost of copies (3 per 32-byte word).
  (func $copy_cost (param $len i32)
    (call $useGas (i64.mul (i64.const 3)
      (i64.shr_u (i64.add (i64.extend_i32_u (local.get $len)) (i64.const 31)) (i64.const 5)))))

  ;; $region for 32 bytes, with the common case inline: an offset below 2^32 whose word lies
  ;; in memory already paid for.
  (func $region32 (param $off_p i32) (result i32)
    (local $off i32)
    (local.set $off (call $saturated32 (local.get $off_p)))
    (if (i64.le_u (i64.add (i64.extend_i32_u (local.get $off)) (i64.const 32))
                  (i64.extend_i32_u (global.get $msize)))
      (then (return (i32.add (global.get $mem_base) (local.get $off)))))
    (call $region (local.get $off_p) (i32.const 32)))

  (func $op_mload
    (local $p i32) (local $src i32)
    (local.set $p (i32.sub (global.get $sp) (i32.const 32)))
    (local.set $src (call $region32 (local.get $p)))
    (i64.store (local.get $p) (i64.load (local.get $src)))
    (i64.store offset=8 (local.get $p) (i64.load offset=8 (local.get $src)))
    (i64.store offset=16 (local.get $p) (i64.load offset=16 (local.get $src)))
    (i64.store offset=24 (local.get $p) (i64.load offset=24 (local.get $src))))

  (func $op_mstore
    (local $p i32) (local $dst i32) (local $src i32)
    (local.set $p (i32.sub (global.get $sp) (i32.const 32)))
    (local.set $dst (call $region32 (local.get $p)))
    (local.set $src (i32.sub (local.get $p) (i32.const 32)))
    (i64.store (local.get $dst) (i64.load (local.get $src)))
    (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $src)))
    (i64.store offset=16 (local.get $dst) (i64.load offset=16 (local.get $src)))
    (i64.store offset=24 (local.get $dst) (i64.load offset=24 (local.get $src)))
    (global.set $sp (local.get $src)))

  (func $op_mstore8
    (local $p i32)
    (local.set $p (call $top))
    (i32.store8 (call $region (local.get $p) (i32.const 1)) (i32.load8_u offset=31 (i32.sub (local.get $p) (i32.const 32))))
    (call $drop (i32.const 2)))

  (func $op_msize (call $push_i32 (global.get $msize)))

  ;; MCOPY: T0 destination, T1 source, T2 length.
  (func $op_mcopy
    (local $p i32) (local $len i32) (local $dst i32) (local $src i32)
    (local.set $p (call $top))
    (local.set $len (call $u32 (i32.sub (local.get $p) (i32.const 64))))
    (local.set $dst (call $region (local.get $p) (local.get $len)))
    (local.set $src (call $region (i32.sub (local.get $p) (i32.const 32)) (local.get $len)))
    (call $copy_cost (local.get $len))
    (memory.copy (local.get $dst) (local.get $src) (local.get $len))
    (call $drop (i32.const 3)))

  ;; CALLDATACOPY ($kind 0), CODECOPY (1), EXTCODECOPY (2; the address word is below the
  ;; others): bytes past the end of the source read as zero.
  (func $copy_in (param $kind i32)
    (local $p i32) (local $len i32) (local $dst i32) (local $size i32) (local $off i32) (local $n i32) (local $addr i32)
    (local.set $p (call $top))
    (if (i32.eq (local.get $kind) (i32.const 2))
      (then
        (local.set $addr (i32.add (local.get $p) (i32.const 12)))
        (call $accountAccess (local.get $addr))
        (local.set $p (i32.sub (local.get $p) (i32.const 32)))))
    (local.set $len (call $u32 (i32.sub (local.get $p) (i32.const 64))))
    (local.set $dst (call $region (local.get $p) (local.get $len)))
    (call $copy_cost (local.get $len))
    (if (local.get $len)
      (then
        (local.set $size
          (if (result i32) (i32.eqz (local.get $kind)) (then (global.get $call_data_size))
            (else (if (result i32) (i32.eq (local.get $kind) (i32.const 1)) (then (call $getCodeSize))
              (else (call $getExternalCodeSize (local.get $addr)))))))
        (if (call $fits32 (i32.sub (local.get $p) (i32.const 32)))
          (then
            (local.set $off (call $low32 (i32.sub (local.get $p) (i32.const 32))))
            (if (i32.lt_u (local.get $off) (local.get $size))
              (then
                (local.set $n (i32.sub (local.get $size) (local.get $off)))
                (if (i32.gt_u (local.get $n) (local.get $len)) (then (local.set $n (local.get $len))))))))
        (if (local.get $n)
          (then
            (if (i32.eqz (local.get $kind)) (then (call $callDataCopy (local.get $dst) (local.get $off) (local.get $n)))
              (else (if (i32.eq (local.get $kind) (i32.const 1))
                (then (call $codeCopy (local.get $dst) (local.get $off) (local.get $n)))
                (else (call $externalCodeCopy (local.get $addr) (local.get $dst) (local.get $off) (local.get $n))))))))
        (memory.fill (i32.add (local.get $dst) (local.get $n)) (i32.const 0) (i32.sub (local.get $len) (local.get $n)))))
    (call $drop (i32.add (i32.const 3) (i32.shr_u (local.get $kind) (i32.const 1)))))

  (func $op_calldataload
    (local $p i32) (local $off i32) (local $n i32)
    (local.set $p (i32.sub (global.get $sp) (i32.const 32)))
    (local.set $off (call $saturated32 (local.get $p)))
    (if (i32.lt_u (local.get $off) (global.get $call_data_size))
      (then
        (local.set $n (i32.sub (global.get $call_data_size) (local.get $off)))
        (if (i32.gt_u (local.get $n) (i32.const 32)) (then (local.set $n (i32.const 32))))))
    (i64.store (local.get $p) (i64.const 0))
    (i64.store offset=8 (local.get $p) (i64.const 0))
    (i64.store offset=16 (local.get $p) (i64.const 0))
    (i64.store offset=24 (local.get $p) (i64.const 0))
    (if (local.get $n) (then (call $callDataCopy (local.get $p) (local.get $off) (local.get $n)))))

  ;; RETURNDATACOPY: reading past the end of the return data is an exceptional halt.
  (func $op_returndatacopy
    (local $p i32) (local $len i32) (local $off i32) (local $dst i32)
    (local.set $p (call $top))
    (local.set $len (call $u32 (i32.sub (local.get $p) (i32.const 64))))
    (local.set $off (call $u32 (i32.sub (local.get $p) (i32.const 32))))
    (if (i64.gt_u (i64.add (i64.extend_i32_u (local.get $off)) (i64.extend_i32_u (local.get $len)))
                  (i64.extend_i32_u (call $getReturnDataSize)))
      (then unreachable))
    (local.set $dst (call $region (local.get $p) (local.get $len)))
    (call $copy_cost (local.get $len))
    (if (local.get $len) (then (call $returnDataCopy (local.get $dst) (local.get $off) (local.get $len))))
    (call $drop (i32.const 3)))

  (func $op_keccak256
    (local $p i32) (local $len i32)
    (local.set $p (call $top))
    (local.set $len (call $u32 (i32.sub (local.get $p) (i32.const 32))))
    (call $keccak256 (call $region (local.get $p) (local.get $len)) (local.get $len)
      (i32.sub (local.get $p) (i32.const 32)))
    (call $pop))

  ;; ---- environment ----

  ;; Pushes an address the EEI writes (20 bytes, right-aligned in the word).
  (func $push_address (param $which i32)
    (local $p i32)
    (local.set $p (call $push))
    (call $zero (local.get $p))
    (local.set $p (i32.add (local.get $p) (i32.const 12)))
    (if (i32.eqz (local.get $which)) (then (call $getAddress (local.get $p)) (return)))
    (if (i32.eq (local.get $which) (i32.const 1)) (then (call $getCaller (local.get $p)) (return)))
    (if (i32.eq (local.get $which) (i32.const 2)) (then (call $getTxOrigin (local.get $p)) (return)))
    (call $getBlockCoinbase (local.get $p)))

  ;; Pushes a little-endian EEI value: 0 call value, 1 gas price, 2 difficulty, 3 own balance.
  (func $push_value (param $which i32)
    (if (i32.eqz (local.get $which)) (then (call $getCallValue (i32.const 0x8000))))
    (if (i32.eq (local.get $which) (i32.const 1)) (then (call $getTxGasPrice (i32.const 0x8000))))
    (if (i32.eq (local.get $which) (i32.const 2)) (then (call $getBlockDifficulty (i32.const 0x8000))))
    (if (i32.eq (local.get $which) (i32.const 3))
      (then
        (call $getAddress (i32.const 0x8040))
        (call $getExternalBalance (i32.const 0x8040) (i32.const 0x8000))))
    (call $from_le (i32.const 0x8000)
      (select (i32.const 32) (i32.const 16) (i32.eq (local.get $which) (i32.const 2)))
      (call $push)))

  (func $op_balance
    (local $p i32)
    (local.set $p (call $top))
    (call $accountAccess (i32.add (local.get $p) (i32.const 12)))
    (call $getExternalBalance (i32.add (local.get $p) (i32.const 12)) (i32.const 0x8000))
    (call $from_le (i32.const 0x8000) (i32.const 16) (local.get $p)))

  (func $op_extcodesize
    (local $p i32)
    (local.set $p (call $top))
    (call $accountAccess (i32.add (local.get $p) (i32.const 12)))
    (call $store_i32 (local.get $p) (call $getExternalCodeSize (i32.add (local.get $p) (i32.const 12)))))

  (func $op_extcodehash
    (local $p i32)
    (local.set $p (call $top))
    (call $accountAccess (i32.add (local.get $p) (i32.const 12)))
    (call $externalCodeHash (i32.add (local.get $p) (i32.const 12)) (local.get $p)))

  (func $op_blockhash
    (local $p i32)
    (local.set $p (call $top))
    (if (call $fits32 (local.get $p))
      (then
        (if (i32.eqz (call $getBlockHash (i64.extend_i32_u (call $low32 (local.get $p))) (local.get $p)))
          (then return))))
    (call $zero (local.get $p)))

  ;; CHAINID (0), BASEFEE (1), BLOBBASEFEE (2).
  (func $push_block_value (param $which i32) (call $blockValue (local.get $which) (call $push)))

  ;; BLOBHASH: the transaction's blob versioned hash at the index on top.
  (func $op_blobhash (call $blobHash (call $top)))

  ;; ---- storage ----

  (func $op_sload
    (local $p i32)
    (local.set $p (call $top))
    (call $sload (local.get $p) (local.get $p)))

  (func $op_sstore
    (local $p i32)
    (local.set $p (call $top))
    (call $sstore (local.get $p) (i32.sub (local.get $p) (i32.const 32)))
    (call $drop (i32.const 2)))

  (func $op_tload
    (local $p i32)
    (local.set $p (call $top))
    (call $tload (local.get $p) (local.get $p)))

  (func $op_tstore
    (local $p i32)
    (local.set $p (call $top))
    (call $tstore (local.get $p) (i32.sub (local.get $p) (i32.const 32)))
    (call $drop (i32.const 2)))

  ;; ---- logs, calls, creation, halting ----

  ;; LOG0..LOG4: T0 offset, T1 length, T2.. topics (raw 32-byte words).
  (func $op_log (param $topics i32)
    (local $p i32) (local $len i32)
    (local.set $p (call $top))
    (local.set $len (call $u32 (i32.sub (local.get $p) (i32.const 32))))
    (call $log (call $region (local.get $p) (local.get $len)) (local.get $len) (local.get $topics)
      (i32.sub (local.get $p) (i32.const 64))
      (i32.sub (local.get $p) (i32.const 96))
      (i32.sub (local.get $p) (i32.const 128))
      (i32.sub (local.get $p) (i32.const 160)))
    (call $drop (i32.add (local.get $topics) (i32.const 2))))

  ;; CALL (0), CALLCODE (1), DELEGATECALL (2), STATICCALL (3). Operands from the top: gas,
  ;; address, [value,] input offset, input length, output offset, output length.
  (func $op_call (param $kind i32)
    (local $p i32) (local $args i32) (local $in_len i32) (local $in i32) (local $out_len i32)
    (local $out i32) (local $status i32) (local $n i32) (local $gas i64) (local $to i32)
    (local.set $p (call $top))
    (local.set $to (i32.sub (local.get $p) (i32.const 20)))
    (call $accountAccess (local.get $to))
    (local.set $args (i32.sub (local.get $p)
      (select (i32.const 96) (i32.const 64) (i32.lt_u (local.get $kind) (i32.const 2)))))
    (local.set $in_len (call $u32 (i32.sub (local.get $args) (i32.const 32))))
    (local.set $in (call $region (local.get $args) (local.get $in_len)))
    (local.set $out_len (call $u32 (i32.sub (local.get $args) (i32.const 96))))
    (local.set $out (call $region (i32.sub (local.get $args) (i32.const 64)) (local.get $out_len)))
    (local.set $gas (call $gas_arg (local.get $p)))
    (if (i32.eqz (local.get $kind))
      (then
        (call $to_le128 (i32.sub (local.get $p) (i32.const 64)) (i32.const 0x8000))
        (local.set $status (call $call (local.get $gas) (local.get $to) (i32.const 0x8000)
          (local.get $in) (local.get $in_len)))))
    (if (i32.eq (local.get $kind) (i32.const 1))
      (then
        (call $to_le128 (i32.sub (local.get $p) (i32.const 64)) (i32.const 0x8000))
        (local.set $status (call $callCode (local.get $gas) (local.get $to) (i32.const 0x8000)
          (local.get $in) (local.get $in_len)))))
    (if (i32.eq (local.get $kind) (i32.const 2))
      (then (local.set $status
        (call $callDelegate (local.get $gas) (local.get $to) (local.get $in) (local.get $in_len)))))
    (if (i32.eq (local.get $kind) (i32.const 3))
      (then (local.set $status
        (call $callStatic (local.get $gas) (local.get $to) (local.get $in) (local.get $in_len)))))
    (local.set $n (call $getReturnDataSize))
    (if (i32.gt_u (local.get $n) (local.get $out_len)) (then (local.set $n (local.get $out_len))))
    (if (local.get $n) (then (call $returnDataCopy (local.get $out) (i32.const 0) (local.get $n))))
    (local.set $p (i32.sub (local.get $args) (i32.const 96)))
    (call $store_i32 (local.get $p) (i32.eqz (local.get $status)))
    (global.set $sp (i32.add (local.get $p) (i32.const 32))))

  ;; CREATE ($salted 0) and CREATE2 (1): value, offset, length[, salt]. Init code costs 2 gas
  ;; per word (EIP-3860).
  (func $op_create (param $salted i32)
    (local $p i32) (local $len i32) (local $code i32) (local $status i32) (local $result i32)
    (local.set $p (call $top))
    (local.set $len (call $u32 (i32.sub (local.get $p) (i32.const 64))))
    (local.set $code (call $region (i32.sub (local.get $p) (i32.const 32)) (local.get $len)))
    (call $useGas (i64.mul (i64.const 2)
      (i64.shr_u (i64.add (i64.extend_i32_u (local.get $len)) (i64.const 31)) (i64.const 5))))
    (call $to_le128 (local.get $p) (i32.const 0x8000))
    (local.set $status
      (if (result i32) (local.get $salted)
        (then (call $create2 (i32.const 0x8000) (local.get $code) (local.get $len)
                (i32.sub (local.get $p) (i32.const 96)) (i32.const 0x8010)))
        (else (call $create (i32.const 0x8000) (local.get $code) (local.get $len) (i32.const 0x8010)))))
    (local.set $result (i32.sub (local.get $p)
      (select (i32.const 96) (i32.const 64) (local.get $salted))))
    (call $zero (local.get $result))
    (if (i32.eqz (local.get $status))
      (then
        (i64.store offset=12 (local.get $result) (i64.load (i32.const 0x8010)))
        (i64.store offset=20 (local.get $result) (i64.load (i32.const 0x8018)))
        (i32.store offset=28 (local.get $result) (i32.load (i32.const 0x8020)))))
    (global.set $sp (i32.add (local.get $result) (i32.const 32))))

  ;; RETURN ($revert 0) and REVERT (1).
  (func $op_return (param $revert i32)
    (local $p i32) (local $len i32) (local $ptr i32)
    (local.set $p (call $top))
    (local.set $len (call $u32 (i32.sub (local.get $p) (i32.const 32))))
    (local.set $ptr (call $region (local.get $p) (local.get $len)))
    (if (local.get $revert)
      (then (call $revert (local.get $ptr) (local.get $len)))
      (else (call $finish (local.get $ptr) (local.get $len)))))

  (func $op_selfdestruct (call $selfDestruct (i32.add (call $top) (i32.const 12))))

  ;; ---- jumps ----

  ;; Builds the JUMPDEST index from the table: JUMPDEST $i starts section $i + 1. Its cost, a
  ;; few instructions per JUMPDEST, is part of what loading charges per JUMPDEST.
  (func $index_jumps
    (local $i i32)
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (global.get $jumps)))
      (i32.store16
        (i32.add (global.get $index)
          (i32.shl (i32.load16_u offset=0x8100 (i32.shl (local.get $i) (i32.const 1))) (i32.const 1)))
        (i32.add (local.get $i) (i32.const 1)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next))))

  ;; The section of the JUMPDEST the word at $p names, or $jumps + 1 (the invalid target).
  (func $jump_target (param $p i32) (result i32)
    (local $pc i32) (local $section i32)
    (local.set $pc (call $saturated32 (local.get $p)))
    (if (i32.lt_u (local.get $pc) (global.get $pcs))
      (then
        (local.set $section (i32.load16_u
          (i32.add (global.get $index) (i32.shl (local.get $pc) (i32.const 1)))))
        (if (local.get $section) (then (return (local.get $section))))))
    (i32.add (global.get $jumps) (i32.const 1)))

  ;; JUMP: pops the destination, returns its section.
  (func $jump (result i32)
    (global.set $sp (i32.sub (global.get $sp) (i32.const 32)))
    (call $jump_target (global.get $sp)))

  ;; JUMPI: pops destination and condition; returns whether the jump is taken, and if so
  ;; leaves its section in $target.
  (func $jumpi (result i32)
    (local $p i32) (local $c i32)
    (local.set $p (i32.sub (global.get $sp) (i32.const 32)))
    (local.set $c (i32.sub (local.get $p) (i32.const 32)))
    (global.set $sp (local.get $c))
    (if (result i32) (i64.eqz (i64.or
          (i64.or (i64.load (local.get $c)) (i64.load offset=8 (local.get $c)))
          (i64.or (i64.load offset=16 (local.get $c)) (i64.load offset=24 (local.get $c)))))
      (then (i32.const 0))
      (else
        (global.set $target (call $jump_target (local.get $p)))
        (i32.const 1))))

  ;; JUMPI to a constant destination: pops the condition, returns whether it holds.
  (func $pop_truthy (result i32)
    (local $p i32)
    (local.set $p (i32.sub (global.get $sp) (i32.const 32)))
    (global.set $sp (local.get $p))
    (i64.ne (i64.or
        (i64.or (i64.load (local.get $p)) (i64.load offset=8 (local.get $p)))
        (i64.or (i64.load offset=16 (local.get $p)) (i64.load offset=24 (local.get $p))))
      (i64.const 0)))

  ;; Replaced by the translated bytecode.
  (func $main (export "main"))
  (export "memory" (memory 0))
  (memory 1)
)
