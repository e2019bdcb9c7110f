/* The IDT: 32 CPU exceptions and 16 legacy IRQs, all through entry.asm's
 * stubs into trap_dispatch().  Linux: arch/x86/kernel/idt.c. */
#include <pollux/arch/arch.h>

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
extern const u64 isr_table[48];

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

void idt_init(void)
{
	struct {
		u16 limit;
		u64 base;
	} __packed idtr = { sizeof(idt) - 1, (u64)idt };

	for (int v = 0; v < 48; v++)
		set_gate(v, isr_table[v], v == 3 ? 3 : 0,	/* int3 from user */
			 v == 8 ? IST_DF : v == 2 ? IST_NMI : 0);	/* see gdt.c */
	__asm__ volatile("lidt %0" : : "m"(idtr));
}
