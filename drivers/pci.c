/*
 * PCI configuration space by the ports 0xCF8 (address) and 0xCFC (data),
 * and a scan of bus 0 for one device.  The firmware (SeaBIOS) has already
 * assigned the BARs and routed each INTx pin to an ISA IRQ, written into
 * the interrupt line register: QEMU's PIIX3 sends PIRQA..D to IRQs 10/11.
 * No bridges, no other buses (QEMU's pc machine puts every device on bus
 * 0), no MSI.  Linux: arch/x86/pci/direct.c, drivers/pci/probe.c.
 */
#include <pollux/pci.h>
#include <pollux/arch/cpu.h>
#include <uapi/errno.h>

#define PCI_CONF_ADDR	0xcf8
#define PCI_CONF_DATA	0xcfc

/* Linux: arch/x86/pci/direct.c PCI_CONF1_ADDRESS() */
static u32 pci_conf1_address(u8 bus, u8 devfn, u8 where)
{
	return 0x80000000u | (u32)bus << 16 | (u32)devfn << 8 | (where & 0xfc);
}

/* Linux: arch/x86/pci/direct.c pci_conf1_read() */
static u32 pci_conf1_read(u8 bus, u8 devfn, u8 where)
{
	outl(PCI_CONF_ADDR, pci_conf1_address(bus, devfn, where));
	return inl(PCI_CONF_DATA);
}

/* Linux: drivers/pci/access.c pci_read_config_dword() */
u32 pci_read_config_dword(const struct pci_dev *dev, u8 where)
{
	return pci_conf1_read(dev->bus, dev->devfn, where);
}

/* Linux: drivers/pci/access.c pci_write_config_dword() */
void pci_write_config_dword(const struct pci_dev *dev, u8 where, u32 val)
{
	outl(PCI_CONF_ADDR, pci_conf1_address(dev->bus, dev->devfn, where));
	outl(PCI_CONF_DATA, val);
}

/* Reads what a driver needs of the function at devfn.
 * Linux: drivers/pci/probe.c pci_setup_device() */
static void pci_setup_device(struct pci_dev *dev, u8 devfn, u32 id)
{
	dev->bus = 0;
	dev->devfn = devfn;
	dev->vendor = id & 0xffff;
	dev->device = id >> 16;
	for (int i = 0; i < 6; i++)
		dev->bar[i] = pci_read_config_dword(dev,
						    PCI_BASE_ADDRESS_0 + 4 * i);
	dev->irq = pci_read_config_dword(dev, PCI_INTERRUPT_LINE) & 0xff;
}

/* Every function of every slot of bus 0.  Linux: drivers/pci/probe.c
 * pci_scan_slot() + drivers/pci/search.c pci_get_device() */
int pci_get_device(u16 vendor, u16 device, struct pci_dev *dev)
{
	for (unsigned int devfn = 0; devfn < 256; devfn++) {
		u32 id = pci_conf1_read(0, devfn, PCI_VENDOR_ID);

		if (id == ((u32)device << 16 | vendor)) {
			pci_setup_device(dev, devfn, id);
			return 0;
		}
	}
	return -ENODEV;
}

/* Linux: drivers/pci/pci.c pci_enable_device() + pci_set_master() */
void pci_enable_device(const struct pci_dev *dev)
{
	u32 cmd = pci_read_config_dword(dev, PCI_COMMAND);

	cmd |= PCI_COMMAND_IO | PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER;
	pci_write_config_dword(dev, PCI_COMMAND, cmd & 0xffff);
}
