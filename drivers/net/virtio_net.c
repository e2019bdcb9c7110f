/*
 * eth0: QEMU's virtio-net card, legacy PCI transport (QEMU:
 * -device virtio-net-pci,disable-modern=on; docs/net.md section 8).
 * Queue 0 receives, queue 1 transmits; each buffer is one 2 KiB piece
 * of a pool, a 10-byte virtio_net_hdr (all zero: no checksum or
 * segmentation offload) then the Ethernet frame.  A sent packet is
 * copied into a transmit buffer and a received one out of its receive
 * buffer into a fresh sk_buff (Linux maps the skb's pages instead).
 * The interrupt (PCI INTx, an ISA IRQ through the I/O APIC,
 * level-triggered) runs the receive path in the handler itself, down
 * to TCP and the socket's wakeup: Linux leaves that to NAPI's softirq.
 * Linux: drivers/net/virtio_net.c.
 */
#include <pollux/drivers.h>
#include <pollux/irq.h>
#include <pollux/mm.h>
#include <pollux/netdevice.h>
#include <pollux/pci.h>
#include <pollux/printk.h>
#include <pollux/string.h>
#include <pollux/virtio.h>
#include <uapi/errno.h>

#define PCI_VENDOR_ID_REDHAT_QUMRANET	0x1af4
#define VIRTIO_ID_NET_TRANSITIONAL	0x1000
#define VIRTIO_NET_F_MAC		5	/* config has the MAC address */

#define VIRTNET_BUF_SIZE	2048
#define VIRTNET_RX_BUFS		64
#define VIRTNET_TX_BUFS		64

/* Linux: include/uapi/linux/virtio_net.h struct virtio_net_hdr */
struct virtio_net_hdr {
	u8 flags, gso_type;
	u16 hdr_len, gso_size, csum_start, csum_offset;
} __attribute__((packed));

/* Linux: drivers/net/virtio_net.c struct virtnet_info */
struct virtnet_info {
	u16 io;				/* BAR 0 */
	struct virtqueue rvq, svq;
	u8 *tx_free[VIRTNET_TX_BUFS];	/* transmit buffers not in svq */
	unsigned int tx_nfree;
	spinlock_t tx_lock;		/* svq and tx_free */
	struct net_device dev;
};

static struct virtnet_info vi;

/* A pool of n buffers, page-aligned in physical memory.  NULL if none */
static u8 *virtnet_alloc_bufs(unsigned int n)
{
	u64 pa = alloc_pages(n * VIRTNET_BUF_SIZE / PAGE_SIZE);

	return pa ? phys_to_virt(pa) : NULL;
}

/* Takes back the transmit buffers the device has sent.  Caller holds
 * tx_lock.  Linux: drivers/net/virtio_net.c free_old_xmit() */
static void free_old_xmit(struct virtnet_info *vi)
{
	u8 *buf;
	u32 len;

	while ((buf = virtqueue_get_buf(&vi->svq, &len)))
		vi->tx_free[vi->tx_nfree++] = buf;
}

/* Copies the frame (from mac_header) behind a zero header into a free
 * buffer and kicks; drops it if no buffer is free.
 * Linux: drivers/net/virtio_net.c start_xmit() + xmit_skb() */
static int start_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct virtnet_info *vi = dev->priv;
	unsigned int len = skb->len - skb->mac_header;
	unsigned long flags;
	u8 *buf = NULL;

	spin_lock_irqsave(&vi->tx_lock, flags);
	free_old_xmit(vi);
	if (vi->tx_nfree && sizeof(struct virtio_net_hdr) + len <=
			    VIRTNET_BUF_SIZE)
		buf = vi->tx_free[--vi->tx_nfree];
	if (buf) {
		memset(buf, 0, sizeof(struct virtio_net_hdr));
		memcpy(buf + sizeof(struct virtio_net_hdr),
		       skb->data + skb->mac_header, len);
		virtqueue_add_buf(&vi->svq, buf,
				  sizeof(struct virtio_net_hdr) + len, false, buf);
		virtqueue_kick(&vi->svq);
	}
	spin_unlock_irqrestore(&vi->tx_lock, flags);
	kfree_skb(skb);
	return buf ? 0 : -ENOBUFS;	/* Linux: NETDEV_TX_BUSY, requeued */
}

/* One received buffer: its frame into an sk_buff, to the stack; NULL
 * if it is too short or there is no memory.
 * Linux: drivers/net/virtio_net.c receive_buf() + receive_small() */
static struct sk_buff *receive_buf(struct virtnet_info *vi, u8 *buf,
				   u32 len)
{
	struct sk_buff *skb;

	if (len < sizeof(struct virtio_net_hdr) + ETH_HLEN)
		return NULL;
	len -= sizeof(struct virtio_net_hdr);
	skb = alloc_skb(len);
	if (!skb)
		return NULL;
	memcpy(skb->data, buf + sizeof(struct virtio_net_hdr), len);
	eth_type_trans(skb, &vi->dev);
	vi->dev.rx_packets++;
	return skb;
}

/* Every buffer the device has filled: copied out, given back to the
 * device, then to the stack.  Linux: drivers/net/virtio_net.c
 * virtnet_poll() + virtnet_receive() + try_fill_recv() */
static void virtnet_poll(struct virtnet_info *vi)
{
	struct sk_buff *skb;
	u8 *buf;
	u32 len;

	while ((buf = virtqueue_get_buf(&vi->rvq, &len))) {
		skb = receive_buf(vi, buf, len);
		virtqueue_add_buf(&vi->rvq, buf, VIRTNET_BUF_SIZE, true, buf);
		virtqueue_kick(&vi->rvq);
		if (skb)
			netif_rx(skb);
	}
}

/* The card's interrupt: reading the ISR lowers the line; a used receive
 * buffer or a sent packet may be why.  Linux: virtio_pci_common.c
 * vp_interrupt() + drivers/net/virtio_net.c skb_recv_done() */
static void skb_recv_done(int irq)
{
	if (!vp_isr(vi.io))
		return;		/* the line is shared, and not ours */
	virtnet_poll(&vi);
}

/* Hands every buffer of the pools to its queue.
 * Linux: drivers/net/virtio_net.c init_vqs() + try_fill_recv() */
static int virtnet_fill_queues(struct virtnet_info *vi)
{
	u8 *rx = virtnet_alloc_bufs(VIRTNET_RX_BUFS);
	u8 *tx = virtnet_alloc_bufs(VIRTNET_TX_BUFS);

	if (!rx || !tx || vi->rvq.num < VIRTNET_RX_BUFS ||
	    vi->svq.num < VIRTNET_TX_BUFS)
		return -ENOMEM;
	for (int i = 0; i < VIRTNET_RX_BUFS; i++) {
		u8 *buf = rx + i * VIRTNET_BUF_SIZE;

		virtqueue_add_buf(&vi->rvq, buf, VIRTNET_BUF_SIZE, true, buf);
	}
	for (int i = 0; i < VIRTNET_TX_BUFS; i++)
		vi->tx_free[vi->tx_nfree++] = tx + i * VIRTNET_BUF_SIZE;
	virtqueue_kick(&vi->rvq);
	return 0;
}

static const struct net_device_ops virtnet_netdev = {
	.ndo_start_xmit = start_xmit,
};

/* Resets the card, agrees on features (the MAC address alone), sets up
 * the queues and reads the address.  Linux: drivers/net/virtio_net.c
 * virtnet_probe() + virtio_dev_probe()'s status steps */
static int virtnet_setup(struct virtnet_info *vi)
{
	u16 io = vi->io;

	vp_set_status(io, 0);
	vp_set_status(io, VIRTIO_CONFIG_S_ACKNOWLEDGE);
	vp_set_status(io, VIRTIO_CONFIG_S_ACKNOWLEDGE | VIRTIO_CONFIG_S_DRIVER);
	if (!(vp_get_features(io) & (1u << VIRTIO_NET_F_MAC)))
		return -ENODEV;
	vp_set_features(io, 1u << VIRTIO_NET_F_MAC);
	if (vp_setup_vq(io, 0, &vi->rvq) || vp_setup_vq(io, 1, &vi->svq) ||
	    virtnet_fill_queues(vi))
		return -ENOMEM;
	for (int i = 0; i < ETH_ALEN; i++)
		vi->dev.dev_addr[i] = vp_get_config8(io, i);
	vp_set_status(io, VIRTIO_CONFIG_S_ACKNOWLEDGE | VIRTIO_CONFIG_S_DRIVER |
			  VIRTIO_CONFIG_S_DRIVER_OK);
	return 0;
}

/* Finds the card (a legacy one: its BAR 0 is I/O ports), brings it up
 * as eth0 with its static address, and takes its interrupt.
 * Linux: drivers/net/virtio_net.c virtnet_probe() */
void virtnet_probe(void)
{
	struct pci_dev pdev;
	u8 *mac = vi.dev.dev_addr;

	if (pci_get_device(PCI_VENDOR_ID_REDHAT_QUMRANET,
			   VIRTIO_ID_NET_TRANSITIONAL, &pdev) < 0)
		return;
	if (!(pdev.bar[0] & PCI_BASE_ADDRESS_SPACE_IO) || pdev.irq >= 16) {
		printk("virtio-net: no I/O BAR or ISA IRQ, ignored\n");
		return;
	}
	pci_enable_device(&pdev);
	vi.io = pdev.bar[0] & ~3u;
	spin_lock_init(&vi.tx_lock);
	vi.dev = (struct net_device){ .name = "eth0", .mtu = 1500,
				      .netdev_ops = &virtnet_netdev, .priv = &vi };
	if (virtnet_setup(&vi) < 0) {
		vp_set_status(vi.io, 0);
		printk("virtio-net: setup failed\n");
		return;
	}
	register_netdev(&vi.dev);
	ip_auto_config(&vi.dev);
	request_irq(pdev.irq, skb_recv_done);
	printk("eth0: virtio-net %02x:%02x:%02x:%02x:%02x:%02x, I/O %#x, IRQ %u\n",
	       mac[0], mac[1], mac[2], mac[3], mac[4], mac[5], vi.io, pdev.irq);
}
