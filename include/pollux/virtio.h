/*
 * Virtio: a device QEMU emulates shares rings of buffers (virtqueues)
 * with its driver; the driver puts buffers in the available ring and
 * kicks, the device returns them through the used ring and interrupts.
 * Pollux speaks the legacy PCI transport (virtio 0.9.5: an I/O BAR of
 * registers, rings at a page frame number), which QEMU offers with
 * disable-modern=on.  Linux: include/linux/virtio.h,
 * include/uapi/linux/virtio_ring.h, virtio_pci.h, virtio_config.h.
 */
#ifndef POLLUX_VIRTIO_H
#define POLLUX_VIRTIO_H

#include <pollux/types.h>

/* Legacy registers, offsets in BAR 0.  Linux: uapi/linux/virtio_pci.h */
#define VIRTIO_PCI_HOST_FEATURES	0	/* 32 bits */
#define VIRTIO_PCI_GUEST_FEATURES	4	/* 32 bits */
#define VIRTIO_PCI_QUEUE_PFN		8	/* 32 bits */
#define VIRTIO_PCI_QUEUE_NUM		12	/* 16 bits */
#define VIRTIO_PCI_QUEUE_SEL		14	/* 16 bits */
#define VIRTIO_PCI_QUEUE_NOTIFY		16	/* 16 bits */
#define VIRTIO_PCI_STATUS		18	/* 8 bits */
#define VIRTIO_PCI_ISR			19	/* 8 bits, read clears */
#define VIRTIO_PCI_CONFIG		20	/* the device's own, no MSI-X */

#define VIRTIO_CONFIG_S_ACKNOWLEDGE	1
#define VIRTIO_CONFIG_S_DRIVER		2
#define VIRTIO_CONFIG_S_DRIVER_OK	4

/* Linux: uapi/linux/virtio_ring.h struct vring_desc, vring_avail,
 * vring_used */
struct vring_desc {
	u64 addr;		/* physical */
	u32 len;
	u16 flags, next;
} __attribute__((packed));
#define VRING_DESC_F_WRITE	2	/* the device writes this buffer */

struct vring_avail {
	u16 flags, idx, ring[];
} __attribute__((packed));

struct vring_used_elem {
	u32 id, len;
} __attribute__((packed));

struct vring_used {
	u16 flags, idx;
	struct vring_used_elem ring[];
} __attribute__((packed));

/* One queue: its rings, the descriptors free (chained through next from
 * free_head), and what the driver gave with each (data[id]).
 * Linux: drivers/virtio/virtio_ring.c struct vring_virtqueue */
struct virtqueue {
	u16 io;			/* the device's BAR 0 ports */
	u16 index, num, num_free, free_head, last_used_idx;
	struct vring_desc *desc;
	struct vring_avail *avail;
	struct vring_used *used;
	void **data;
};

/* The legacy PCI transport (drivers/virtio/virtio_pci_legacy.c) */
u32 vp_get_features(u16 io);
void vp_set_features(u16 io, u32 features);
void vp_set_status(u16 io, u8 status);
u8 vp_get_config8(u16 io, unsigned int offset);
int vp_setup_vq(u16 io, u16 index, struct virtqueue *vq);
u8 vp_isr(u16 io);	/* reading acknowledges the interrupt */

/* The rings (drivers/virtio/virtio_ring.c).  A buffer is one descriptor
 * of len bytes at buf (in the direct map); data comes back from
 * virtqueue_get_buf.  Linux: virtqueue_add_inbuf(), _outbuf(), kick */
int virtqueue_add_buf(struct virtqueue *vq, void *buf, u32 len,
		      bool device_writes, void *data);
void virtqueue_kick(struct virtqueue *vq);
void *virtqueue_get_buf(struct virtqueue *vq, u32 *len);

#endif
