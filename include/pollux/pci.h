/*
 * PCI: configuration space through the legacy ports 0xCF8/0xCFC
 * (mechanism #1), enough to find a device, read its BARs and interrupt
 * line and let it master the bus.  Linux: include/linux/pci.h,
 * arch/x86/pci/direct.c, drivers/pci/probe.c.
 */
#ifndef POLLUX_PCI_H
#define POLLUX_PCI_H

#include <pollux/types.h>

#define PCI_VENDOR_ID		0x00
#define PCI_COMMAND		0x04
#define  PCI_COMMAND_IO		0x1
#define  PCI_COMMAND_MEMORY	0x2
#define  PCI_COMMAND_MASTER	0x4
#define PCI_BASE_ADDRESS_0	0x10
#define  PCI_BASE_ADDRESS_SPACE_IO 0x1
#define PCI_INTERRUPT_LINE	0x3c

/* Linux: struct pci_dev, the fields a driver reads */
struct pci_dev {
	u8 bus, devfn;
	u16 vendor, device;
	u32 bar[6];		/* raw BAR values; an I/O BAR has bit 0 set */
	u8 irq;			/* the ISA IRQ the firmware routed INTx to */
};

u32 pci_read_config_dword(const struct pci_dev *dev, u8 where);
void pci_write_config_dword(const struct pci_dev *dev, u8 where, u32 val);
/* Fills *dev with the first device vendor:device on bus 0; 0 or -ENODEV.
 * Linux: pci_get_device() */
int pci_get_device(u16 vendor, u16 device, struct pci_dev *dev);
/* Turns on I/O and memory decoding and bus mastering (DMA).
 * Linux: pci_enable_device() + pci_set_master() */
void pci_enable_device(const struct pci_dev *dev);

#endif
