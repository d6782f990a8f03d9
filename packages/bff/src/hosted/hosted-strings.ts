/**
 * The hosted page's own words in each of the element's languages (WIDGET_LOCALES); the element brings its own.
 * The functions get values that are already HTML-escaped.
 */
import type { WIDGET_LOCALES } from '../contract/enums.js';

export type PageLocale = (typeof WIDGET_LOCALES)[number];

export interface PageStrings {
  title: string;
  /** Heading without a brand. */
  connectFor: (customer: string) => string;
  intro: string;
  /** Heading with a brand: who asks. */
  asks: (brand: string) => string;
  brandedIntro: (customer: string) => string;
  /** Heading once the signup was submitted through the link. */
  yourConnection: (customer: string) => string;
  received: string;
  loading: string;
  noscript: string;
  done: string;
  loadFailed: string;
  backTo: (brand: string) => string;
  /** The return link's words when there is no brand name. */
  back: string;
  support: string;
  privacy: string;
  logo: string;
}

export const PAGE_STRINGS: Record<PageLocale, PageStrings> = {
  en: {
    title: 'Connect WhatsApp',
    connectFor: (c) => `Connect WhatsApp for ${c}`,
    intro: 'Sign in with Facebook to connect your WhatsApp Business account. Keep this page open until it says you are done.',
    asks: (b) => `${b} asks you to connect your WhatsApp Business account`,
    brandedIntro: (c) => `For ${c}: sign in with Facebook. Keep this page open until it says you are done.`,
    yourConnection: (c) => `Your WhatsApp connection for ${c}`,
    received: 'Your signup was received. This page shows how the connection is going.',
    loading: 'Loading the signup…',
    noscript: 'This page needs JavaScript to run the WhatsApp signup.',
    done: 'All done: you can close this page.',
    loadFailed: 'The signup could not be loaded. Please try again later.',
    backTo: (b) => `Back to ${b}`,
    back: 'Back',
    support: 'Support',
    privacy: 'Privacy policy',
    logo: 'Logo',
  },
  de: {
    title: 'WhatsApp verbinden',
    connectFor: (c) => `WhatsApp für ${c} verbinden`,
    intro: 'Melden Sie sich mit Facebook an, um Ihr WhatsApp-Business-Konto zu verbinden. Lassen Sie diese Seite geöffnet, bis sie meldet, dass alles erledigt ist.',
    asks: (b) => `${b} bittet Sie, Ihr WhatsApp-Business-Konto zu verbinden`,
    brandedIntro: (c) => `Für ${c}: Melden Sie sich mit Facebook an. Lassen Sie diese Seite geöffnet, bis sie meldet, dass alles erledigt ist.`,
    yourConnection: (c) => `Ihre WhatsApp-Verbindung für ${c}`,
    received: 'Ihre Anmeldung ist eingegangen. Diese Seite zeigt, wie die Verbindung vorankommt.',
    loading: 'Die Anmeldung wird geladen…',
    noscript: 'Diese Seite braucht JavaScript für die WhatsApp-Anmeldung.',
    done: 'Fertig: Sie können diese Seite schließen.',
    loadFailed: 'Die Anmeldung konnte nicht geladen werden. Bitte versuchen Sie es später noch einmal.',
    backTo: (b) => `Zurück zu ${b}`,
    back: 'Zurück',
    support: 'Hilfe',
    privacy: 'Datenschutz',
    logo: 'Logo',
  },
  es: {
    title: 'Conectar WhatsApp',
    connectFor: (c) => `Conectar WhatsApp para ${c}`,
    intro: 'Inicia sesión con Facebook para conectar tu cuenta de WhatsApp Business. Mantén esta página abierta hasta que indique que has terminado.',
    asks: (b) => `${b} te pide que conectes tu cuenta de WhatsApp Business`,
    brandedIntro: (c) => `Para ${c}: inicia sesión con Facebook. Mantén esta página abierta hasta que indique que has terminado.`,
    yourConnection: (c) => `Tu conexión de WhatsApp para ${c}`,
    received: 'Hemos recibido tu registro. Esta página muestra cómo avanza la conexión.',
    loading: 'Cargando el registro…',
    noscript: 'Esta página necesita JavaScript para el registro de WhatsApp.',
    done: 'Listo: ya puedes cerrar esta página.',
    loadFailed: 'No se pudo cargar el registro. Inténtalo de nuevo más tarde.',
    backTo: (b) => `Volver a ${b}`,
    back: 'Volver',
    support: 'Ayuda',
    privacy: 'Política de privacidad',
    logo: 'Logotipo',
  },
  'pt-BR': {
    title: 'Conectar o WhatsApp',
    connectFor: (c) => `Conectar o WhatsApp de ${c}`,
    intro: 'Entre com o Facebook para conectar sua conta do WhatsApp Business. Mantenha esta página aberta até ela dizer que terminou.',
    asks: (b) => `${b} pede que você conecte sua conta do WhatsApp Business`,
    brandedIntro: (c) => `Para ${c}: entre com o Facebook. Mantenha esta página aberta até ela dizer que terminou.`,
    yourConnection: (c) => `Sua conexão do WhatsApp para ${c}`,
    received: 'Recebemos seu cadastro. Esta página mostra o andamento da conexão.',
    loading: 'Carregando o cadastro…',
    noscript: 'Esta página precisa de JavaScript para o cadastro do WhatsApp.',
    done: 'Pronto: você já pode fechar esta página.',
    loadFailed: 'Não foi possível carregar o cadastro. Tente novamente mais tarde.',
    backTo: (b) => `Voltar para ${b}`,
    back: 'Voltar',
    support: 'Suporte',
    privacy: 'Política de privacidade',
    logo: 'Logotipo',
  },
};
