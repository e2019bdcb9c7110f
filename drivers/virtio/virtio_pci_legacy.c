/*
 * The legacy virtio PCI transport: status, features, the device's
 * configuration and the queues' addresses, all by port I/O in BAR 0.
 * A legacy queue has the size the device says (256 for virtio-net) and
 * its rings in one physically contiguous area: descriptors, available
 * ring, then the used ring at the next page.  Linux:
 * drivers/virtio/virtio_pci_legacy.c, virtio_pci_legacy_dev.c.
 */
#include <pollux/virtio.h>
#include <pollux/arch/cpu.h>
#include <pollux/mm.h>
#include <pollux/string.h>
#include <uapi/errno.h>

/* Linux: virtio_pci_legacy.c vp_get_features() */
u32 vp_get_features(u16 io)
{
	return inl(io + VIRTIO_PCI_HOST_FEATURES);
}

/* Linux: virtio_pci_legacy.c vp_finalize_features() */
void vp_set_features(u16 io, u32 features)
{
	outl(io + VIRTIO_PCI_GUEST_FEATURES, features);
}

/* 0 resets the device.  Linux: virtio_pci_legacy.c vp_set_status() */
void vp_set_status(u16 io, u8 status)
{
	outb(io + VIRTIO_PCI_STATUS, status);
}

/* Linux: virtio_pci_legacy.c vp_get() */
u8 vp_get_config8(u16 io, unsigned int offset)
{
	return inb(io + VIRTIO_PCI_CONFIG + offset);
}

/* Linux: virtio_pci_common.c vp_interrupt()'s ioread8(isr) */
u8 vp_isr(u16 io)
{
	return inb(io + VIRTIO_PCI_ISR);
}

/* Bytes of a legacy ring of num entries.  Linux: vring_size() */
static size_t vring_size(unsigned int num)
{
	return ALIGN_UP(16 * num + 2 * (3 + num), PAGE_SIZE) + 2 * 3 + 8 * num;
}

/* Allocates queue index's rings, free list included, and tells the
 * device where they are.  Linux: virtio_pci_legacy.c setup_vq() +
 * virtio_ring.c vring_create_virtqueue() */
int vp_setup_vq(u16 io, u16 index, struct virtqueue *vq)
{
	unsigned int pages;
	u64 pa;

	outw(io + VIRTIO_PCI_QUEUE_SEL, index);
	vq->num = inw(io + VIRTIO_PCI_QUEUE_NUM);
	pages = ALIGN_UP(vring_size(vq->num), PAGE_SIZE) / PAGE_SIZE;
	pa = vq->num ? alloc_pages(pages) : 0;
	vq->data = pa ? kzalloc(vq->num * sizeof(void *)) : NULL;
	if (!vq->data)
		return -ENOMEM;
	memset(phys_to_virt(pa), 0, pages * PAGE_SIZE);
	vq->io = io;
	vq->index = index;
	vq->desc = phys_to_virt(pa);
	vq->avail = (struct vring_avail *)(vq->desc + vq->num);
	vq->used = phys_to_virt(pa + ALIGN_UP(16 * vq->num + 2 * (3 + vq->num),
					      PAGE_SIZE));
	vq->num_free = vq->num;
	vq->free_head = 0;
	vq->last_used_idx = 0;
	for (u16 i = 0; i + 1 < vq->num; i++)
		vq->desc[i].next = i + 1;
	outl(io + VIRTIO_PCI_QUEUE_PFN, pa / PAGE_SIZE);
	return 0;
}
