import { defineQuiz } from '../../../lib/quiz.ts';

export default defineQuiz([
  {
    kind: 'choice',
    question: {
      pt: 'Sem `--ca`, o `tls-client.ts` conecta ao servidor que usa um certificado autoassinado. O que acontece?',
      en: 'Without `--ca`, `tls-client.ts` connects to the server that uses a self-signed certificate. What happens?',
    },
    options: [
      {
        pt: 'Recusa a conexão: o certificado não foi assinado por ninguém em quem o cliente confia (`DEPTH_ZERO_SELF_SIGNED_CERT`).',
        en: 'It refuses the connection: nobody the client trusts signed the certificate (`DEPTH_ZERO_SELF_SIGNED_CERT`).',
      },
      {
        pt: 'Conecta: a conexão fica cifrada, só não é verificada.',
        en: 'It connects: the connection is encrypted, just not verified.',
      },
      {
        pt: 'O servidor recusa o cliente, que não tem certificado.',
        en: 'The server refuses the client, which has no certificate.',
      },
    ],
    answer: 0,
    explanation: {
      pt: 'O Node confere o certificado antes de entregar a conexão ao programa: ele precisa estar assinado por alguém da lista de confiança e ser do nome pedido. Com `--ca cert.pem`, o cliente passa a confiar nesse certificado, e só nele.',
      en: 'Node checks the certificate before it hands the connection to the program: it must be signed by someone on the trusted list and be for the name asked for. With `--ca cert.pem`, the client trusts that certificate, and only that one.',
    },
    tiedTo: { session: 'tls-echo', match: /no secure connection to [^\n]*: ([A-Z_]+)/ },
  },
  {
    kind: 'choice',
    corrects: 'rejectUnauthorized: false fixes a certificate error',
    question: {
      pt: 'Por que `rejectUnauthorized: false` não é o conserto para esse erro?',
      en: 'Why is `rejectUnauthorized: false` not the fix for that error?',
    },
    options: [
      { pt: 'Porque desliga a criptografia.', en: 'Because it turns encryption off.' },
      { pt: 'Porque o Node ignora essa opção.', en: 'Because Node ignores that option.' },
      {
        pt: 'Porque o cliente passa a aceitar qualquer certificado: um atacante no meio apresenta o dele, e a conexão continua cifrada, mas com o atacante.',
        en: 'Because the client then accepts any certificate: an attacker in the middle presents their own, and the connection is still encrypted, but with the attacker.',
      },
    ],
    answer: 2,
    explanation: {
      pt: 'Sem autenticação, a confidencialidade e a integridade só protegem de quem apenas escuta: quem se põe no meio lê e altera tudo. O certo é dizer ao cliente em quem confiar, com `ca`.',
      en: 'Without authentication, confidentiality and integrity only protect against someone who just listens: whoever sits in the middle reads and changes everything. The right way is to tell the client whom to trust, with `ca`.',
    },
  },
  {
    kind: 'choice',
    corrects: 'TLS hides everything about a connection',
    question: {
      pt: 'Com TLS, o que quem captura os pacotes ainda consegue ler?',
      en: 'With TLS, what can someone capturing the packets still read?',
    },
    options: [
      {
        pt: 'Nada: até os endereços e as portas vão cifrados.',
        en: 'Nothing: even the addresses and ports are encrypted.',
      },
      {
        pt: 'Os endereços, as portas, os tamanhos e o nome do servidor, `localhost`, legível no ClientHello.',
        en: "The addresses, the ports, the sizes and the server's name, `localhost`, readable in the ClientHello.",
      },
      {
        pt: 'A linha `password=swordfish`, que vai no terceiro pacote.',
        en: 'The line `password=swordfish`, which travels in the third packet.',
      },
    ],
    answer: 1,
    explanation: {
      pt: 'O TLS cifra o conteúdo a partir do ServerHello. O ClientHello, o primeiro pacote do cliente, vai em claro, com o nome do servidor (o SNI), e os cabeçalhos IP e TCP de todos os pacotes continuam à vista.',
      en: "TLS encrypts the content from the ServerHello on. The ClientHello, the client's first packet, travels in clear with the server's name (the SNI), and the IP and TCP headers of every packet stay in view.",
    },
    tiedTo: { session: 'tls-wire-tls', match: /⟨unreadable⟩(\w{9,})⟨unreadable⟩/ },
  },
  {
    kind: 'number',
    question: {
      pt: 'Sem TLS, a troca de `password=swordfish` com o servidor de eco levou 2 pacotes com dados. Com TLS, quantos?',
      en: 'Without TLS, exchanging `password=swordfish` with the echo server took 2 packets with data. With TLS, how many?',
    },
    answer: 6,
    explanation: {
      pt: 'O ClientHello; a resposta do servidor, com o ServerHello, o certificado e o Finished dele; o Finished do cliente com a nossa linha; o eco; e um close_notify de cada lado. O handshake e o fim do TLS também custam pacotes.',
      en: "The ClientHello; the server's reply, with the ServerHello, the certificate and its Finished; the client's Finished with our line; the echo; and a close_notify from each side. TLS's handshake and ending cost packets too.",
    },
    tiedTo: { session: 'tls-wire-tls', terminal: 'capture', count: /Flags \[P\.\]/g },
  },
]);
