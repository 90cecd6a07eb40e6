import { Avatar as AvatarPrimitive } from 'radix-ui';
import { cn } from '@/lib/cn.ts';
import { initials } from '@/lib/initials.ts';

interface AvatarProps {
  /** The person's name or e-mail: used for the initials and the alt text. */
  name: string | null | undefined;
  src?: string | null;
  size?: 'sm' | 'md' | 'lg';
  className?: string;
}

const sizes = { sm: 'size-7 text-xs', md: 'size-9 text-sm', lg: 'size-14 text-lg' };

/** A picture when there is one that loads, otherwise initials (decorative: the name is always shown beside it). */
export function Avatar({ name, src, size = 'md', className }: AvatarProps) {
  return (
    <AvatarPrimitive.Root
      className={cn(
        'inline-flex shrink-0 items-center justify-center overflow-hidden rounded-full bg-info-soft font-semibold text-info select-none',
        sizes[size],
        className,
      )}
      aria-hidden="true"
    >
      {src && <AvatarPrimitive.Image src={src} alt="" className="size-full object-cover" />}
      <AvatarPrimitive.Fallback delayMs={src ? 300 : 0}>{initials(name)}</AvatarPrimitive.Fallback>
    </AvatarPrimitive.Root>
  );
}
