import { defineQuiz } from '../../../lib/quiz.ts';

export default defineQuiz([
  {
    kind: 'choice',
    corrects: 'localhost is a DNS name',
    question: {
      pt: 'O `connect-name.ts` pede `localhost` a um `dns.Resolver` apontado para o servidor DNS do curso. O que volta?',
      en: "`connect-name.ts` asks a `dns.Resolver`, pointed at the course's DNS server, for `localhost`. What comes back?",
    },
    options: [
      {
        pt: '`ENODATA`: um `dns.Resolver` só fala DNS e nunca lê o `/etc/hosts`.',
        en: '`ENODATA`: a `dns.Resolver` only speaks DNS and never reads `/etc/hosts`.',
      },
      {
        pt: '`127.0.0.1`, lido do `/etc/hosts`.',
        en: '`127.0.0.1`, read from `/etc/hosts`.',
      },
      {
        pt: '`::1` e `127.0.0.1`, nessa ordem.',
        en: '`::1` and `127.0.0.1`, in that order.',
      },
    ],
    answer: 0,
    explanation: {
      pt: 'O `/etc/hosts` é lido pelo `getaddrinfo()`, que o `dns.lookup` chama; ele não faz parte do DNS. O `net.connect` usa o `dns.lookup` por padrão. Só um `Resolver` pergunta direto aos servidores que você dá a ele.',
      en: '`/etc/hosts` is read by `getaddrinfo()`, which `dns.lookup` calls; it is not part of DNS. `net.connect` uses `dns.lookup` by default. Only a `Resolver` asks the servers you give it directly.',
    },
    tiedTo: {
      session: 'names-happy-eyeballs',
      match: /no connection to localhost: (E[A-Z]+)/,
    },
  },
  {
    kind: 'choice',
    question: {
      pt: '`curso.test` tem dois endereços, `::1` e `127.0.0.1`, e o servidor escuta só em `127.0.0.1`. O que o `net.connect` faz com `--no-happy-eyeballs`?',
      en: '`curso.test` has two addresses, `::1` and `127.0.0.1`, and the server only listens on `127.0.0.1`. What does `net.connect` do with `--no-happy-eyeballs`?',
    },
    options: [
      {
        pt: 'Conecta em `127.0.0.1`, depois de uma tentativa recusada em `::1`.',
        en: 'It connects to `127.0.0.1`, after an attempt refused on `::1`.',
      },
      {
        pt: 'Tenta os dois ao mesmo tempo e fica com o que responder primeiro.',
        en: 'It tries both at once and keeps whichever answers first.',
      },
      {
        pt: 'Tenta só o primeiro endereço, `::1`, e desiste com `ECONNREFUSED`.',
        en: 'It tries only the first address, `::1`, and gives up with `ECONNREFUSED`.',
      },
    ],
    answer: 2,
    explanation: {
      pt: 'Sem o Happy Eyeballs, o `net.connect` pede um endereço só. Com ele, ligado por padrão desde o Node 20, o Node alterna IPv6 e IPv4 e conecta em `127.0.0.1` depois da recusa em `::1`. Muita gente viu `ECONNREFUSED ::1` ao trocar de versão do Node por causa dessa diferença.',
      en: 'Without Happy Eyeballs, `net.connect` asks for one address only. With it, on by default since Node 20, Node alternates IPv6 and IPv4 and connects to `127.0.0.1` after the refusal on `::1`. Many people saw `ECONNREFUSED ::1` after a Node upgrade because of this difference.',
    },
    tiedTo: {
      session: 'names-happy-eyeballs',
      match: /Happy Eyeballs off\n(?:[^\n]*\n)*?no connection to [^\n]*: (E[A-Z]+)/,
    },
  },
  {
    kind: 'number',
    question: {
      pt: 'Quantos bytes tem a consulta DNS que o `dns-query.ts` envia para perguntar o registro A de `curso.test`?',
      en: 'How many bytes long is the DNS query `dns-query.ts` sends to ask for the A record of `curso.test`?',
    },
    answer: 28,
    unit: { pt: 'bytes', en: 'bytes' },
    explanation: {
      pt: '12 bytes de cabeçalho (o id, as flags e quatro contagens) e 16 de pergunta: o nome em rótulos, `05 curso 04 test 00`, são 12 bytes, e o tipo e a classe, 2 cada.',
      en: '12 bytes of header (the id, the flags and four counts) and 16 of question: the name in labels, `05 curso 04 test 00`, is 12 bytes, and the type and class take 2 each.',
    },
    tiedTo: { session: 'names-query', match: /query: (\d+) bytes to/ },
  },
  {
    kind: 'choice',
    corrects: 'an empty DNS answer means the name does not exist',
    question: {
      pt: 'Como está, o servidor DNS do curso responde a uma pergunta sobre `nada.test`, um nome que ele não conhece, com que rcode? E o que isso diz?',
      en: "As it is, the course's DNS server answers a question about `nada.test`, a name it does not know, with which rcode? And what does that say?",
    },
    options: [
      {
        pt: 'rcode 3 (NXDOMAIN): "esse nome não existe".',
        en: 'rcode 3 (NXDOMAIN): "that name does not exist".',
      },
      {
        pt: 'rcode 0 (NOERROR), sem registros: "o nome existe, mas não tem registro desse tipo", o que é falso.',
        en: 'rcode 0 (NOERROR), with no records: "the name exists, but has no record of that type", which is false.',
      },
      {
        pt: 'Nenhuma resposta: o cliente desiste no timeout.',
        en: 'No answer at all: the client gives up at its timeout.',
      },
    ],
    answer: 1,
    explanation: {
      pt: 'Para um nome que não existe, o certo é NXDOMAIN, rcode 3, nos 4 bits mais baixos do segundo byte de flags. É o conserto do exercício: com ele, o `dns.Resolver` do Node passa a dizer `ENOTFOUND`, e não `ENODATA`.',
      en: "For a name that does not exist, the right answer is NXDOMAIN, rcode 3, in the low 4 bits of the second flags byte. That is the exercise's fix: with it, Node's `dns.Resolver` says `ENOTFOUND` instead of `ENODATA`.",
    },
    tiedTo: { session: 'names-query', match: /asks "nada\.test" A: rcode (\d+), answers 0/ },
  },
]);
