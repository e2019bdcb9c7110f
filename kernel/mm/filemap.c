/*
 * The page cache: a ramfs file's bytes live in whole frames, indexed by
 * page (struct address_space in fs.h), so that mmap can map the very
 * frames read(2) and write(2) copy to and from.  A frame is a user page
 * (pmm.c's count): the file holds one reference, each mapping another,
 * and the last put_page() frees it, whether the file or a mapping lets
 * go last.
 * Linux: mm/filemap.c, mm/truncate.c, mm/shmem.c (whose pages, like
 * ramfs's, exist only in the cache).
 */
#include <pollux/fs.h>
#include <pollux/mm.h>
#include <pollux/string.h>

/* Linux: mm/filemap.c filemap_get_folio() */
u64 find_get_page(struct address_space *mapping, unsigned long index)
{
	return index < mapping->nr_slots ? mapping->i_pages[index] : 0;
}

/* Makes i_pages hold index; false if there is no memory. */
static bool grow_slots(struct address_space *mapping, unsigned long index)
{
	unsigned long n = mapping->nr_slots ? mapping->nr_slots : 8;
	u64 *slots;

	if (index < mapping->nr_slots)
		return true;
	if (index >= (1UL << 28))	/* 1 TiB: never fits */
		return false;
	while (n <= index)
		n *= 2;
	if (!(slots = kzalloc(n * sizeof(*slots))))
		return false;
	if (mapping->i_pages)
		memcpy(slots, mapping->i_pages,
		       mapping->nr_slots * sizeof(*slots));
	kfree(mapping->i_pages);
	mapping->i_pages = slots;
	mapping->nr_slots = n;
	return true;
}

/* Linux: mm/filemap.c __filemap_get_folio(FGP_CREAT), shmem_get_folio() */
u64 find_or_create_page(struct address_space *mapping, unsigned long index)
{
	void *page;

	if (find_get_page(mapping, index))
		return mapping->i_pages[index];
	if (!grow_slots(mapping, index) || !(page = get_zeroed_page()))
		return 0;
	get_page(virt_to_phys(page));	/* the file's reference */
	mapping->i_pages[index] = virt_to_phys(page);
	return mapping->i_pages[index];
}

/* Linux: mm/truncate.c truncate_inode_pages_range(); from 0, with the
 * slots array: truncate_inode_pages_final() */
void truncate_inode_pages(struct address_space *mapping, loff_t lstart)
{
	for (u64 i = (u64)lstart / PAGE_SIZE; i < mapping->nr_slots; i++) {
		if (mapping->i_pages[i])
			put_page(mapping->i_pages[i]);
		mapping->i_pages[i] = 0;
	}
	if (lstart == 0) {
		kfree(mapping->i_pages);
		mapping->i_pages = NULL;
		mapping->nr_slots = 0;
	}
}

/*
 * Linux: mm/truncate.c truncate_setsize() + truncate_pagecache(): a
 * shrink takes the pages wholly past the new end out of every mapping
 * (whose next touch there is SIGBUS) and out of the file, and zeroes the
 * rest of the new last page, which a later growth shows as zeros.  A
 * growth adds nothing: the new pages are holes.
 */
void truncate_setsize(struct inode *inode, loff_t newsize)
{
	loff_t oldsize = inode->i_size;
	u64 holebegin = ALIGN_UP((u64)newsize, PAGE_SIZE);
	u64 pa;

	inode->i_size = newsize;
	if (newsize >= oldsize)
		return;
	unmap_mapping_range(&inode->i_data, holebegin / PAGE_SIZE);
	if (newsize % PAGE_SIZE &&
	    (pa = find_get_page(&inode->i_data, newsize / PAGE_SIZE)))
		memset((char *)phys_to_virt(pa) + newsize % PAGE_SIZE, 0,
		       PAGE_SIZE - newsize % PAGE_SIZE);
	truncate_inode_pages(&inode->i_data, holebegin);
}
