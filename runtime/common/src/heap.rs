//! The runtimes' allocator. sp-io's default hands every allocation to the host
//! (`ext_allocator_malloc`/`free`, a call out of the wasm instance each), and the contracts'
//! interpreter allocates on every frame: a wasmi engine, the parsed module, compiled functions,
//! the translation. Here talc serves allocations inside the runtime from chunks it takes from
//! the host's allocator as it needs them (a few calls per runtime call instead of a few per
//! allocation), so the memory it holds grows with what is in use, like the host heap it comes
//! from. Memory the host allocates for the runtime itself (what host functions return) is freed
//! by the host, as sp-io's allocator does.

use core::{
    alloc::{GlobalAlloc, Layout},
    ptr,
};
use talc::{locking::AssumeUnlockable, OomHandler, Span, Talc, Talck};

/// Bytes of the chunks talc takes from the host, unless an allocation needs a larger one.
const CHUNK: usize = 4 << 20;
/// The largest block the host's freeing-bump allocator gives (32 MiB): larger allocations fail,
/// as they did with sp-io's allocator.
const LARGEST_HOST_BLOCK: usize = 32 << 20;
/// The most chunks taken in one runtime call (at least 64 × 4 MiB, beyond the 128 MiB host heap
/// they come from).
const MAX_CHUNKS: usize = 64;

/// Takes a chunk from the host when talc runs out, and keeps the chunks it took, `(start,
/// end)`: what [`RuntimeHeap::dealloc`] gives back to talc.
struct ChunksFromHost {
    chunks: [(usize, usize); MAX_CHUNKS],
    count: usize,
}

impl ChunksFromHost {
    /// Whether `ptr` lies in a chunk taken (talc gave it out).
    fn hold(&self, ptr: *mut u8) -> bool {
        let address = ptr as usize;
        self.chunks[..self.count]
            .iter()
            .any(|(start, end)| (*start..*end).contains(&address))
    }
}

impl OomHandler for ChunksFromHost {
    fn handle_oom(talc: &mut Talc<Self>, layout: Layout) -> Result<(), ()> {
        let count = talc.oom_handler.count;
        if count == MAX_CHUNKS {
            return Err(());
        }
        // Room for the block, its alignment and talc's tags and per-heap overhead.
        let needed = layout
            .size()
            .saturating_add(layout.align())
            .saturating_add(256);
        let size = needed.next_power_of_two().max(CHUNK);
        if size > LARGEST_HOST_BLOCK {
            return Err(());
        }
        let base = sp_io::allocator::malloc(size as u32);
        if base.is_null() {
            return Err(());
        }
        // SAFETY: the host gave these `size` bytes to the runtime and nothing else uses them;
        // they are never given back (the runtime's memory ends with the call).
        unsafe { talc.claim(Span::from_base_size(base, size)) }?;
        talc.oom_handler.chunks[count] = (base as usize, base as usize + size);
        talc.oom_handler.count = count + 1;
        Ok(())
    }
}

/// talc over the chunks, then the host for what talc cannot serve.
struct RuntimeHeap(Talck<AssumeUnlockable, ChunksFromHost>);

// SAFETY (`AssumeUnlockable`): a runtime runs on one thread.
#[global_allocator]
static HEAP: RuntimeHeap = RuntimeHeap(
    Talc::new(ChunksFromHost {
        chunks: [(0, 0); MAX_CHUNKS],
        count: 0,
    })
    .lock(),
);

/// Whether talc gave out `ptr`.
fn from_talc(ptr: *mut u8) -> bool {
    HEAP.0.lock().oom_handler.hold(ptr)
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
        if from_talc(ptr) {
            unsafe { self.0.dealloc(ptr, layout) }
        } else {
            unsafe { host::dealloc(ptr) }
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if from_talc(ptr) {
            // talc grows in place or moves within its chunks; a null leaves `ptr` as it was.
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
