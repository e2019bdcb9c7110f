/*
 * Split virtqueues: the driver's side of the rings.  Each buffer is one
 * descriptor (no chains, no indirect descriptors, no event index); a
 * descriptor comes back to the free list when the device has used it.
 * Barriers: x86 keeps stores in order and the device is another host
 * thread, so the compiler barrier (Linux's virt_wmb on x86) is enough
 * before publishing an index; the kick is an I/O port write, which
 * orders everything before it.  Linux: drivers/virtio/virtio_ring.c.
 */
#include <pollux/virtio.h>
#include <pollux/arch/cpu.h>
#include <pollux/mm.h>
#include <uapi/errno.h>

#define virt_wmb() __asm__ volatile("" ::: "memory")
#define virt_rmb() __asm__ volatile("" ::: "memory")

/* Linux: virtio_ring.c virtqueue_add_split() */
int virtqueue_add_buf(struct virtqueue *vq, void *buf, u32 len,
		      bool device_writes, void *data)
{
	u16 id = vq->free_head;

	if (!vq->num_free)
		return -ENOSPC;
	vq->free_head = vq->desc[id].next;
	vq->num_free--;
	vq->desc[id].addr = virt_to_phys(buf);
	vq->desc[id].len = len;
	vq->desc[id].flags = device_writes ? VRING_DESC_F_WRITE : 0;
	vq->data[id] = data;
	vq->avail->ring[vq->avail->idx % vq->num] = id;
	virt_wmb();	/* the entry before the index that publishes it */
	vq->avail->idx++;
	return 0;
}

/* Linux: virtio_ring.c virtqueue_kick() + vp_notify() */
void virtqueue_kick(struct virtqueue *vq)
{
	virt_wmb();
	outw(vq->io + VIRTIO_PCI_QUEUE_NOTIFY, vq->index);
}

/* The next buffer the device has used, and the bytes it wrote in *len;
 * NULL if none.  Linux: virtio_ring.c virtqueue_get_buf_ctx_split() +
 * detach_buf_split() */
void *virtqueue_get_buf(struct virtqueue *vq, u32 *len)
{
	struct vring_used_elem *e;
	void *data;

	if (vq->last_used_idx == *(volatile u16 *)&vq->used->idx)
		return NULL;
	virt_rmb();	/* the index before the entry it covers */
	e = &vq->used->ring[vq->last_used_idx % vq->num];
	vq->last_used_idx++;
	*len = e->len;
	data = vq->data[e->id];
	vq->desc[e->id].next = vq->free_head;
	vq->free_head = e->id;
	vq->num_free++;
	return data;
}
