import { Toaster as Sonner, toast } from 'sonner';
import { useTheme } from '@/lib/theme.tsx';

/** Where toasts appear (sonner renders them in an aria-live region). Mounted once by the app. */
export function Toaster() {
  const { resolved } = useTheme();
  return <Sonner theme={resolved} position="bottom-right" closeButton duration={5000} />;
}

/** toast.success("Saved"), toast.error("…"): short confirmations and failures of background actions. */
export { toast };
