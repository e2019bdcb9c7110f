/* The IDT, one for all CPUs: 32 CPU exceptions, 16 legacy IRQs (from the
 * I/O APIC) and the local APIC's vectors (timer, IPIs, spurious), all
 * through entry.asm's stubs into trap_dispatch() (the NMI into do_nmi()).
 * Linux: arch/x86/kernel/idt.c. */
#include <pollux/arch/arch.h>
#include <pollux/arch/apic.h>

struct idt_entry {
	u16 offset_low;
	u16 selector;
	u8 ist;
	u8 type_attr;
	u16 offset_mid;
	u32 offset_high;
	u32 zero;
} __packed;

static struct idt_entry idt[256];
extern const u64 isr_table[256];

/* ist: 0 stays on the current stack (or TSS.rsp0 from user mode), n
 * switches to TSS.ist[n-1] always. */
static void set_gate(int vec, u64 handler, int dpl, int ist)
{
	struct idt_entry *e = &idt[vec];

	e->offset_low = handler & 0xffff;
	e->selector = KERNEL_CS;
	e->ist = ist;
	e->type_attr = 0x8e | (dpl << 5);	/* present, interrupt gate */
	e->offset_mid = (handler >> 16) & 0xffff;
	e->offset_high = handler >> 32;
	e->zero = 0;
}

/* Each CPU loads the same table.  Linux: load_current_idt() */
void idt_load(void)
{
	struct {
		u16 limit;
		u64 base;
	} __packed idtr = { sizeof(idt) - 1, (u64)idt };

	__asm__ volatile("lidt %0" : : "m"(idtr));
}

void idt_init(void)
{
	for (int v = 0; v < 48; v++)
		set_gate(v, isr_table[v], v == 3 ? 3 : 0,	/* int3 from user */
			 v == 8 ? IST_DF : v == 2 ? IST_NMI : 0);	/* see gdt.c */
	for (int v = FIRST_SYSTEM_VECTOR; v < 256; v++)
		set_gate(v, isr_table[v], 0, 0);
	idt_load();
}
