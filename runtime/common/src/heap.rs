//! The runtimes' allocator. sp-io's default hands every allocation to the host
//! (`ext_allocator_malloc`/`free`, a call out of the wasm instance each), and the contracts'
//! interpreter allocates on every frame: a wasmi engine, the parsed module, compiled functions,
//! the translation. Here allocations come from an arena inside the runtime's own memory, managed
//! by talc, and go to the host only when the arena is full. Memory the host allocates for the
//! runtime (what host functions return) is freed by the host, as sp-io's allocator does.

use core::{
    alloc::{GlobalAlloc, Layout},
    ptr::{self, addr_of_mut},
};
use talc::{locking::AssumeUnlockable, ClaimOnOom, Span, Talc, Talck};

/// The arena's size: several times what an ERC20 transfer allocates at its peak, and a fraction
/// of the 128 MiB the host's heap adds beside it, which takes what does not fit.
const ARENA_BYTES: usize = 16 << 20;

static mut ARENA: [u8; ARENA_BYTES] = [0; ARENA_BYTES];

/// Allocates from [`ARENA`], then from the host.
struct RuntimeHeap(Talck<AssumeUnlockable, ClaimOnOom>);

// SAFETY (`AssumeUnlockable`): a runtime runs on one thread. The arena is claimed on the first
// allocation, and only this allocator touches it.
#[global_allocator]
static HEAP: RuntimeHeap = RuntimeHeap(
    Talc::new(unsafe { ClaimOnOom::new(Span::from_array(addr_of_mut!(ARENA))) }).lock(),
);

fn in_arena(ptr: *mut u8) -> bool {
    let base = addr_of_mut!(ARENA) as usize;
    (base..base + ARENA_BYTES).contains(&(ptr as usize))
}

unsafe impl GlobalAlloc for RuntimeHeap {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let ptr = unsafe { self.0.alloc(layout) };
        if ptr.is_null() {
            unsafe { host::alloc(layout) }
        } else {
            ptr
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if in_arena(ptr) {
            unsafe { self.0.dealloc(ptr, layout) }
        } else {
            unsafe { host::dealloc(ptr) }
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if in_arena(ptr) {
            // talc grows in place or moves within the arena; a null leaves `ptr` as it was.
            let moved = unsafe { self.0.realloc(ptr, layout, new_size) };
            if !moved.is_null() {
                return moved;
            }
        }
        // SAFETY: `GlobalAlloc::realloc`'s contract: `new_size` with `layout`'s alignment is a
        // valid layout.
        let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        let moved = unsafe { self.alloc(new_layout) };
        if !moved.is_null() {
            unsafe {
                ptr::copy_nonoverlapping(ptr, moved, layout.size().min(new_size));
                self.dealloc(ptr, layout);
            }
        }
        moved
    }
}

/// sp-io's allocator (`sp_io::global_alloc`, off with its `disable_allocator` feature): the
/// host's freeing-bump allocator aligns to 8 and keeps an 8-byte header before each block; a
/// larger alignment is reached by an offset kept in the two header bytes the host leaves unused
/// (0 for blocks the host allocated for the runtime itself).
mod host {
    use core::{alloc::Layout, ptr};

    type Offset = u16;
    const OFFSET_LENGTH: usize = core::mem::size_of::<Offset>();

    pub unsafe fn alloc(layout: Layout) -> *mut u8 {
        let align = layout.align();
        let ptr = sp_io::allocator::malloc((layout.size() + align.saturating_sub(8)) as u32);
        let offset = ptr.align_offset(align);
        if offset > Offset::MAX as usize || ptr.is_null() {
            return ptr::null_mut();
        }
        unsafe {
            let ptr = ptr.add(offset);
            (ptr.sub(OFFSET_LENGTH) as *mut Offset).write_unaligned(offset as Offset);
            ptr
        }
    }

    pub unsafe fn dealloc(ptr: *mut u8) {
        unsafe {
            let offset = (ptr.sub(OFFSET_LENGTH) as *const Offset).read_unaligned();
            sp_io::allocator::free(ptr.sub(offset as usize))
        }
    }
}
