//! The binary's memory allocator: mimalloc, called directly, and how it hands memory back.
//!
//! Rendering allocates many small strings on several threads; mimalloc does that with far
//! less time in the allocator than the system's (docs/decisions.md). The `mimalloc` crate's
//! allocator passes every request to `mi_malloc_aligned`, and in mimalloc v3 that only
//! has a fast path for blocks up to 1 kB: a larger block whose size is not a power of two
//! goes through the aligned fallback and is over-allocated by its alignment, though any
//! block mimalloc hands out is already 16-byte aligned. [`Mimalloc`] asks for plain
//! `mi_malloc` whenever that alignment suffices, as the crate itself once did
//! (purpleprotocol/mimalloc_rust#170 proposes it again).

use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;

use libmimalloc_sys as mi;

/// mimalloc as the global allocator, by its plain entry points where they suffice.
pub struct Mimalloc;

/// The alignment every plain block of at least this size has (`MI_MAX_ALIGN_SIZE`): each
/// page's first block is 16-byte aligned and, because of that maximum, block sizes are
/// even numbers of words (mimalloc's `MI_ALIGN2W`); a smaller block is at least 8-aligned.
const PLAIN_ALIGN: usize = 16;

/// Whether a plain block of `size` bytes meets `align`: up to 16, when the size is at
/// least the alignment (as every Rust type's is).
fn plain(align: usize, size: usize) -> bool {
    align <= PLAIN_ALIGN && align <= size
}

/// A block of `layout` from `plain_fn` where its blocks meet the alignment, else from
/// `aligned_fn`.
#[inline(always)]
unsafe fn allocate(
    layout: Layout,
    plain_fn: unsafe extern "C" fn(usize) -> *mut c_void,
    aligned_fn: unsafe extern "C" fn(usize, usize) -> *mut c_void,
) -> *mut u8 {
    let (size, align) = (layout.size(), layout.align());
    // SAFETY: both take any size (and alignment); the caller's contract is theirs.
    unsafe {
        if plain(align, size) {
            plain_fn(size).cast()
        } else {
            aligned_fn(size, align).cast()
        }
    }
}

// SAFETY: each method hands the request to the mimalloc function made for it: the plain
// ones only where their blocks meet the layout's alignment (`plain`), the aligned ones
// otherwise; every block, however made, is freed by `mi_free`.
unsafe impl GlobalAlloc for Mimalloc {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: mimalloc's allocation functions take any size and alignment.
        unsafe { allocate(layout, mi::mi_malloc, mi::mi_malloc_aligned) }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as in `alloc`.
        unsafe { allocate(layout, mi::mi_zalloc, mi::mi_zalloc_aligned) }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        // SAFETY: `ptr` came from this allocator, so from mimalloc.
        unsafe { mi::mi_free(ptr.cast::<c_void>()) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let align = layout.align();
        // SAFETY: `ptr` came from mimalloc; the new block keeps the layout's alignment.
        unsafe {
            if plain(align, new_size) {
                mi::mi_realloc(ptr.cast::<c_void>(), new_size).cast()
            } else {
                mi::mi_realloc_aligned(ptr.cast::<c_void>(), new_size, align).cast()
            }
        }
    }
}

/// How the build's memory is set up, before `main` (as an ELF constructor, before the
/// first allocation reserves an arena; later would be too late):
///
/// - **Freed memory handed back promptly.** mimalloc v3 keeps committed arena memory it
///   has freed for up to a second; a build's phases (search index, open data, the largest
///   pages) each free tens of megabytes the next one does not reuse, so peaks added up.
///   Without eager arena commit freed memory is returned in the usual short delay: at
///   10,000 pages the peak falls by ≈40 MB at the same speed (docs/decisions.md).
/// - **The first gigabyte in transparent huge pages.** The first arena is reserved here
///   with large OS pages allowed, which on Linux asks for transparent huge pages
///   (`madvise`): a build touches a few hundred megabytes of small blocks, and in 4 kB
///   pages every 4 kB is a page fault and many of Tera's pointer hops a TLB miss. Faster,
///   at some peak memory (a 2 MB page is resident whole); measured in docs/decisions.md.
///   Where the kernel gives no huge pages (THP `never`) it is an ordinary arena; if the
///   reservation fails, mimalloc reserves its arenas as it would have.
// Run before `main` (see above).
#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array")]
static SET_UP_MEMORY: extern "C" fn() = set_up_memory;

#[cfg(target_os = "linux")]
extern "C" fn set_up_memory() {
    // `mi_option_arena_eager_commit` in mimalloc's `mi_option_e` (libmimalloc-sys 0.1.49
    // does not name it).
    const ARENA_EAGER_COMMIT: mi::mi_option_t = 4;
    // The first arena: as large as mimalloc's own first reservation (`arena_reserve`).
    const FIRST_ARENA: usize = 1 << 30;
    // SAFETY: sets a process-wide option, read when an arena is next reserved.
    unsafe { mi::mi_option_set(ARENA_EAGER_COMMIT, 0) }
    // SAFETY: process init is idempotent; our constructor can run before mimalloc's, and
    // without it mimalloc does not yet know the OS's large page size (nor asks for them).
    // The reservation maps address space only (pages come as they are first touched);
    // an error leaves mimalloc to reserve its arenas itself, so it is not checked.
    unsafe {
        mi::mi_process_init();
        mi::mi_reserve_os_memory_ex(FIRST_ARENA, true, true, false, std::ptr::null_mut());
    }
}

/// The preview server is the opposite case: it holds the whole site and frees and
/// remakes a few pages' worth on every save, so handing freed memory back only to fault
/// it in again cost ≈10 ms of each save-to-reload at 10,000 pages. It keeps it.
pub fn keep_freed_memory() {
    // `mi_option_purge_delay` in mimalloc's `mi_option_e`; -1: never purge.
    const PURGE_DELAY: mi::mi_option_t = 15;
    // SAFETY: sets a process-wide option, read each time freed memory could be purged.
    unsafe { mi::mi_option_set(PURGE_DELAY, -1) }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Layouts of every alignment from 1 to a page, with sizes from the smallest to past
    /// mimalloc's small (1 kB), medium and large blocks, most not a power of two, some
    /// not a multiple of the alignment.
    fn layouts() -> impl Iterator<Item = Layout> {
        (0..=12).flat_map(|shift| {
            let align = 1usize << shift;
            let sizes: [usize; 14] = [
                1, 2, 3, 8, 24, 48, 65, 100, 1000, 1025, 1500, 3000, 70_000, 600_000,
            ];
            // Each size as it is and rounded up to the alignment (as every Rust type's is):
            // `Layout` allows 24 bytes at 16, or 1 byte at 8.
            sizes.into_iter().flat_map(move |n| {
                [n, n.next_multiple_of(align)].map(|n| Layout::from_size_align(n, align).unwrap())
            })
        })
    }

    fn aligned(p: *mut u8, layout: Layout) -> bool {
        !p.is_null() && (p as usize).is_multiple_of(layout.align())
    }

    #[test]
    fn every_block_meets_its_layout_and_keeps_its_bytes() {
        let a = Mimalloc;
        for layout in layouts() {
            // Several at once, so they are not all the first block of a fresh page.
            let blocks: Vec<*mut u8> = (0..5)
                .map(|i| {
                    // SAFETY: the layout's size is not zero; the block is written within it.
                    let p = unsafe { a.alloc(layout) };
                    assert!(aligned(p, layout), "alloc {layout:?}: {p:?}");
                    unsafe { p.write_bytes(i as u8 + 1, layout.size()) };
                    p
                })
                .collect();
            for (i, p) in blocks.into_iter().enumerate() {
                // Grown past the block, then shrunk below the first size: each time the
                // first bytes stay and the block still meets the alignment.
                let (mut p, mut now) = (p, layout);
                for new_size in [layout.size() * 3, layout.size().div_ceil(2)] {
                    let new_size = new_size.next_multiple_of(layout.align());
                    // SAFETY: `p` is this allocator's, of `now`; `q` replaces it.
                    let q = unsafe { a.realloc(p, now, new_size) };
                    let kept = layout.size().min(new_size);
                    now = Layout::from_size_align(new_size, layout.align()).unwrap();
                    assert!(aligned(q, now), "realloc {layout:?} to {new_size}: {q:?}");
                    // SAFETY: the first `kept` bytes of `q` are those written at first.
                    let bytes = unsafe { std::slice::from_raw_parts(q, kept) };
                    assert!(
                        bytes.iter().all(|&b| b == i as u8 + 1),
                        "realloc lost bytes"
                    );
                    p = q;
                }
                // SAFETY: `p` is this allocator's, of `now`.
                unsafe { a.dealloc(p, now) };
            }
        }
    }

    /// The first arena is advised for transparent huge pages (`hg` in its mapping's
    /// flags), and the blocks of this process are in it. Whether the kernel then backs it
    /// with huge pages depends on its memory at the time, so that is not asserted.
    #[cfg(target_os = "linux")]
    #[test]
    fn the_first_arena_asks_for_huge_pages() {
        if std::fs::metadata("/sys/kernel/mm/transparent_hugepage").is_err() {
            eprintln!("skipped: this kernel has no transparent huge pages");
            return;
        }
        let block = vec![1u8; 1 << 20];
        let at = block.as_ptr() as usize;
        let smaps = std::fs::read_to_string("/proc/self/smaps").unwrap();
        // Each mapping: a header line `start-end perms …`, then fields, `VmFlags:` last.
        let mut mapping = None;
        let mut advised = None;
        for line in smaps.lines() {
            let range = line
                .split_whitespace()
                .next()
                .and_then(|r| r.split_once('-'));
            if let Some((Ok(a), Ok(b))) =
                range.map(|(a, b)| (usize::from_str_radix(a, 16), usize::from_str_radix(b, 16)))
            {
                mapping = Some((a, b));
                continue;
            }
            if let (Some(flags), Some((a, b))) = (line.strip_prefix("VmFlags:"), mapping)
                && (a..b).contains(&at)
            {
                advised = Some((b - a, flags.split_whitespace().any(|f| f == "hg")));
            }
        }
        let (size, hg) = advised.expect("the block's mapping is in /proc/self/smaps");
        assert!(
            hg,
            "the arena holding a block ({size} bytes) is not advised for huge pages"
        );
        assert!(
            size >= 1 << 29,
            "the block is not in the reserved arena ({size} bytes)"
        );
        drop(block);
    }

    #[test]
    fn zeroed_blocks_are_zero_and_aligned() {
        let a = Mimalloc;
        for layout in layouts() {
            // SAFETY: the layout's size is not zero; the block is read within it, then freed.
            let p = unsafe { a.alloc_zeroed(layout) };
            assert!(aligned(p, layout), "alloc_zeroed {layout:?}: {p:?}");
            let bytes = unsafe { std::slice::from_raw_parts(p, layout.size()) };
            assert!(
                bytes.iter().all(|&b| b == 0),
                "alloc_zeroed {layout:?} not zero"
            );
            unsafe { a.dealloc(p, layout) };
        }
    }
}
