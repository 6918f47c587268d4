// Operator console: reads GET /painel/estado every few seconds and acts through the gateway's own
// POST routes with the key the operator typed (kept in this tab's sessionStorage only).
(function () {
  'use strict';

  var ZONA = 'America/Sao_Paulo';
  var CHAVE_SESSAO = 'painel.chaveApi';
  var CORES = { filiais: '#1b7f79', produtos: '#2f6fd1', clientes: '#c2571a', vendas: '#7b4bbf' };
  var CORES_EXTRAS = ['#8a6d3b', '#3b8a6d', '#6d3b8a', '#8a3b4f'];
  var ETAPAS = [['lidos', 'Lidos'], ['publicados', 'Publicados'], ['mapeados', 'Mapeados'], ['entregues', 'Entregues']];
  var SITUACOES = {
    RUNNING: 'Extraindo', PUBLISHED: 'Publicada, entregando', COMPLETED: 'Concluída', FAILED: 'Falhou'
  };
  var GATILHOS = { manual: 'manual', nightly: 'noturna', initial: 'inicial', poll: 'consulta' };
  var CIRCUITOS = {
    CLOSED: ['Fechado: entregando', 'ok'],
    HALF_OPEN: ['Meio-aberto: testando o Plusoft', 'alerta'],
    OPEN: ['Aberto: Plusoft indisponível, consumo pausado', 'erro'],
    FORCED_OPEN: ['Aberto (forçado): consumo pausado', 'erro'],
    DESCONHECIDO: ['Desconhecido: nenhum sink relatou', 'alerta']
  };

  var numero = new Intl.NumberFormat('pt-BR');
  var decimal = new Intl.NumberFormat('pt-BR', { maximumFractionDigits: 1 });
  var dataHora = new Intl.DateTimeFormat('pt-BR', { timeZone: ZONA, day: '2-digit', month: '2-digit', year: 'numeric',
    hour: '2-digit', minute: '2-digit', second: '2-digit' });
  var hora = new Intl.DateTimeFormat('pt-BR', { timeZone: ZONA, hour: '2-digit', minute: '2-digit', second: '2-digit' });
  var horaMinuto = new Intl.DateTimeFormat('pt-BR', { timeZone: ZONA, hour: '2-digit', minute: '2-digit' });

  var intervaloMs = 5000;
  var temporizador = null;
  var acompanhada = null; // run id followed after a re-sync started here
  var entidadesMontadas = '';
  var ultimoEstado = null;

  function $(seletor, raiz) { return (raiz || document).querySelector(seletor); }

  function el(tag, atributos, filhos) {
    var e = document.createElement(tag);
    Object.keys(atributos || {}).forEach(function (k) {
      if (k === 'texto') { e.textContent = atributos[k]; } else if (k === 'classe') { e.className = atributos[k]; } else { e.setAttribute(k, atributos[k]); }
    });
    (filhos || []).forEach(function (f) { if (f) { e.appendChild(f); } });
    return e;
  }

  function cor(entidade, i) { return CORES[entidade] || CORES_EXTRAS[i % CORES_EXTRAS.length]; }
  function fmtNum(v) { return v === null || v === undefined ? '—' : numero.format(v); }
  function fmtDataHora(iso) { return iso ? dataHora.format(new Date(iso)) : '—'; }
  function fmtHora(iso) { return iso ? hora.format(new Date(iso)) : '—'; }

  // ERP local time (no zone) as "dd/mm/aaaa hh:mm:ss", shown as it is: it already is Brasília time
  function fmtLocal(texto) {
    if (!texto) { return '—'; }
    var m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(texto);
    return m ? m[3] + '/' + m[2] + '/' + m[1] + ' ' + m[4] + ':' + m[5] + ':' + (m[6] || '00') : texto;
  }

  function fmtDuracao(segundos) {
    if (segundos === null || segundos === undefined) { return '—'; }
    var s = Math.max(0, Math.round(segundos));
    if (s < 60) { return s + ' s'; }
    if (s < 3600) { return Math.floor(s / 60) + ' min ' + String(s % 60).padStart(2, '0') + ' s'; }
    if (s < 172800) { return Math.floor(s / 3600) + ' h ' + String(Math.floor(s % 3600 / 60)).padStart(2, '0') + ' min'; }
    return numero.format(Math.floor(s / 86400)) + ' dias';
  }

  // ---------- API key ----------

  function chave() { return sessionStorage.getItem(CHAVE_SESSAO) || ''; }

  function mostrarEstadoChave() {
    $('#estado-chave').textContent = chave()
      ? 'Chave em uso nesta aba (sessionStorage); não é gravada em nenhum outro lugar.'
      : 'Sem chave: as ações responderão 401. Guardada só nesta aba do navegador.';
  }

  function ligarChave() {
    $('#form-chave').addEventListener('submit', function (ev) {
      ev.preventDefault();
      var valor = $('#chave').value.trim();
      if (valor) { sessionStorage.setItem(CHAVE_SESSAO, valor); } else { sessionStorage.removeItem(CHAVE_SESSAO); }
      $('#chave').value = '';
      mostrarEstadoChave();
    });
    $('#esquecer-chave').addEventListener('click', function () {
      sessionStorage.removeItem(CHAVE_SESSAO);
      $('#chave').value = '';
      mostrarEstadoChave();
    });
    mostrarEstadoChave();
  }

  // ---------- actions ----------

  function mensagem(texto, tipo) {
    var m = $('#mensagem');
    m.hidden = false;
    m.className = 'mensagem ' + (tipo || '');
    m.textContent = texto;
  }

  function lerProblema(resposta) {
    return resposta.text().then(function (corpo) {
      try { return JSON.parse(corpo); } catch (e) { return { detail: corpo }; }
    });
  }

  function postar(caminho, descricao, botao) {
    var cabecalhos = { 'Accept': 'application/json' };
    if (chave()) { cabecalhos['X-API-Key'] = chave(); }
    botao.disabled = true;
    mensagem(descricao + ': enviando…', '');
    return fetch(caminho, { method: 'POST', headers: cabecalhos, credentials: 'same-origin' })
      .then(function (resposta) {
        return lerProblema(resposta).then(function (corpo) { return { status: resposta.status, corpo: corpo }; });
      })
      .then(function (r) {
        if (r.status === 401) {
          mensagem(descricao + ': 401 — chave da API ausente ou inválida; nada foi feito.', 'erro');
        } else if (r.status === 409) {
          mensagem(descricao + ': 409 — ' + (r.corpo.detail || 'já em andamento') + '.', 'erro');
          if (r.corpo.runId) { seguir(r.corpo.runId); }
        } else if (r.status >= 200 && r.status < 300) {
          return r;
        } else {
          mensagem(descricao + ': ' + r.status + ' — ' + (r.corpo.detail || r.corpo.title || 'erro'), 'erro');
        }
        return null;
      })
      .catch(function () {
        mensagem(descricao + ': sem resposta do gateway.', 'erro');
        return null;
      })
      .finally(function () { botao.disabled = false; });
  }

  function sincronizar(entidade, forcar, botao) {
    var descricao = (forcar ? 'Re-sincronização forçada de ' : 'Re-sincronização de ') + entidade;
    postar('/' + encodeURIComponent(entidade) + '/sincronizar' + (forcar ? '?forcar=true' : ''), descricao, botao)
      .then(function (r) {
        if (!r) { return; }
        mensagem(descricao + ': 202 — execução ' + r.corpo.runId + ' iniciada; acompanhe abaixo.', 'ok');
        seguir(r.corpo.runId);
      });
  }

  function reprocessar(entidade, botao) {
    var descricao = 'Reprocessar mensagens mortas de ' + entidade;
    postar('/dlq/' + encodeURIComponent(entidade) + '/reprocessar', descricao, botao).then(function (r) {
      if (!r) { return; }
      var m = r.corpo.mapper || {};
      var s = r.corpo.sink || {};
      mensagem(descricao + ': 202 — mapper: ' + fmtNum(m.reprocessados) + ' reenviadas, ' + fmtNum(m.obsoletos) + ' obsoletas; sink: '
        + fmtNum(s.reprocessados) + ' reenviadas, ' + fmtNum(s.obsoletos) + ' obsoletas.', 'ok');
      atualizar();
    });
  }

  function seguir(runId) {
    acompanhada = runId;
    $('#secao-acompanhamento').hidden = false;
    $('#acompanhamento').setAttribute('data-run-id', runId);
    atualizar();
  }

  // ---------- rendering ----------

  function montarEntidades(entidades) {
    var nomes = entidades.map(function (e) { return e.entidade; }).join(',');
    if (nomes === entidadesMontadas) { return; }
    entidadesMontadas = nomes;
    // built once: refreshing only changes texts, so focus and keyboard position stay on the buttons
    var corpo = $('#entidades tbody');
    var mortas = $('#mortas tbody');
    corpo.textContent = '';
    mortas.textContent = '';
    entidades.forEach(function (e, i) {
      var nome = e.entidade;
      var linha = el('tr', { 'data-entidade': nome }, [
        el('th', { scope: 'row', 'data-rotulo': 'Entidade', classe: 'entidade', style: '--cor:' + cor(nome, i), texto: nome }),
        el('td', { classe: 'num', 'data-rotulo': 'Linhas na view', 'data-campo': 'linhas' }),
        el('td', { classe: 'num', 'data-rotulo': 'Entregues ao Plusoft', 'data-campo': 'entregues' }),
        el('td', { 'data-rotulo': 'Última entrega', 'data-campo': 'ultima-entrega' }),
        el('td', { 'data-rotulo': 'Extrator (cursor)', 'data-campo': 'extrator' }),
        el('td', { 'data-rotulo': 'Mapper (fila)', 'data-campo': 'mapper' }),
        el('td', { 'data-rotulo': 'Sink (fila)', 'data-campo': 'sink' }),
        el('td', { 'data-rotulo': 'Re-sincronizar' }, [el('div', { classe: 'acoes' }, [
          botao('Re-sincronizar', 'sincronizar', nome, 'Re-sincronizar ' + nome + ' (só o que mudou)', function (b) { sincronizar(nome, false, b); }),
          botao('Forçar', 'forcar', nome, 'Re-sincronização forçada de ' + nome + ' (reenvia tudo)', function (b) { sincronizar(nome, true, b); }, true)
        ])])
      ]);
      corpo.appendChild(linha);
      mortas.appendChild(el('tr', { 'data-entidade': nome }, [
        el('th', { scope: 'row', 'data-rotulo': 'Entidade', classe: 'entidade', style: '--cor:' + cor(nome, i), texto: nome }),
        el('td', { classe: 'num', 'data-rotulo': 'Mapper (total / pendentes)', 'data-campo': 'mapper' }),
        el('td', { classe: 'num', 'data-rotulo': 'Sink (total / pendentes)', 'data-campo': 'sink' }),
        el('td', { classe: 'largo', 'data-rotulo': 'Últimos motivos', 'data-campo': 'motivos' }),
        el('td', { 'data-rotulo': 'Ação' }, [
          botao('Reprocessar', 'reprocessar', nome, 'Reprocessar as mensagens mortas de ' + nome, function (b) { reprocessar(nome, b); })
        ])
      ]));
    });
  }

  function botao(texto, acao, entidade, rotulo, aoClicar, secundario) {
    var b = el('button', { type: 'button', 'data-acao': acao, 'data-entidade': entidade, 'aria-label': rotulo, title: rotulo,
      texto: texto, classe: secundario ? 'secundario' : '' });
    b.addEventListener('click', function () { aoClicar(b); });
    return b;
  }

  function celula(linha, campo, texto, sub, classe) {
    var td = $('[data-campo="' + campo + '"]', linha);
    td.textContent = '';
    td.appendChild(el('div', {}, [el('span', { classe: 'v', texto: texto }), sub ? el('span', { classe: 'sub', texto: sub }) : null]));
    td.classList.remove('ok', 'alerta', 'erro');
    if (classe) { td.classList.add(classe); }
  }

  function textoEtapa(etapa) {
    if (!etapa || etapa.lag === null || etapa.lag === undefined) { return ['—', 'ilegível agora', 'alerta']; }
    var estimativa = etapa.lag === 0 ? 'em dia'
      : etapa.estimativaSegundos === null || etapa.estimativaSegundos === undefined ? 'sem consumo no último minuto'
        : '≈ ' + fmtDuracao(etapa.estimativaSegundos) + ' para zerar';
    var taxa = etapa.registrosPorSegundo ? ' · ' + decimal.format(etapa.registrosPorSegundo) + '/s' : '';
    return [fmtNum(etapa.lag) + ' registros', estimativa + taxa, etapa.lag === 0 ? 'ok' : (etapa.estimativaSegundos === null ? 'alerta' : '')];
  }

  function textoExtrator(x) {
    if (!x) { return ['—', '', '']; }
    if (x.semCursor) { return ['sem cursor', 'relê a view inteira a cada consulta', '']; }
    if (!x.cursor) { return ['—', 'ainda sem cursor salvo', 'alerta']; }
    var atraso = x.atrasoSegundos === null || x.atrasoSegundos === undefined ? 'atraso desconhecido'
      : x.atrasoSegundos === 0 ? 'em dia com a view' : fmtDuracao(x.atrasoSegundos) + ' atrás da view';
    return [fmtLocal(x.cursor), 'idade ' + fmtDuracao(x.idadeSegundos) + ' · ' + atraso,
      x.atrasoSegundos > 60 ? 'alerta' : ''];
  }

  function mostrarEntidades(estado) {
    montarEntidades(estado.entidades);
    var total = 0;
    estado.entidades.forEach(function (e) {
      var linha = $('#entidades tr[data-entidade="' + e.entidade + '"]');
      total += e.entregues;
      celula(linha, 'linhas', fmtNum(e.linhasNaView), e.linhasContadasEm ? 'contadas às ' + fmtHora(e.linhasContadasEm) : 'ainda não contadas');
      celula(linha, 'entregues', fmtNum(e.entregues), e.mortasNoSink ? fmtNum(e.mortasNoSink) + ' recusadas' : '');
      celula(linha, 'ultima-entrega', e.ultimaEntrega ? fmtDataHora(e.ultimaEntrega) : 'nenhuma');
      var x = textoExtrator(e.extrator);
      celula(linha, 'extrator', x[0], x[1], x[2]);
      var m = textoEtapa(e.mapper);
      celula(linha, 'mapper', m[0], m[1], m[2]);
      var s = textoEtapa(e.sink);
      celula(linha, 'sink', s[0], s[1], s[2]);
    });
    $('#total-entregues').textContent = fmtNum(total);
  }

  function barras(execucao, idBase) {
    var grade = el('div', { classe: 'etapas' });
    ETAPAS.forEach(function (par) {
      var valor = execucao.progresso[par[0]] || 0;
      var id = idBase + '-' + par[0];
      grade.appendChild(el('label', { 'for': id, texto: par[1] }));
      grade.appendChild(el('progress', { id: id, max: '100', value: String(valor), 'data-etapa': par[0],
        classe: valor >= 100 ? 'completa' : '', 'aria-valuetext': par[1] + ': ' + valor + '%' }));
      grade.appendChild(el('span', { texto: valor + '%' }));
    });
    return grade;
  }

  function resumoContagens(execucao) {
    var c = execucao.run.counts;
    return fmtNum(c.read) + ' lidos · ' + fmtNum(c.mapped) + ' mapeados · ' + fmtNum(c.delivered) + ' entregues · '
      + fmtNum(c.unchanged) + ' inalterados · ' + fmtNum(c.deadLettered) + ' mortas · total ' + fmtNum(execucao.total);
  }

  function mostrarExecucoes(estado) {
    var corpo = $('#execucoes tbody');
    corpo.textContent = '';
    var recentes = estado.execucoes.recentes;
    if (!recentes.length) {
      corpo.appendChild(el('tr', {}, [el('td', { colspan: '6', texto: 'Nenhuma execução ainda.' })]));
    }
    recentes.forEach(function (x, i) {
      var r = x.run;
      corpo.appendChild(el('tr', { 'data-run-id': r.runId }, [
        el('th', { scope: 'row', 'data-rotulo': 'Entidade', texto: r.entity || '—' }),
        el('td', { 'data-rotulo': 'Gatilho', texto: (GATILHOS[r.trigger] || r.trigger || '—') + (r.forced ? ', forçada' : '') }),
        el('td', { 'data-rotulo': 'Situação' }, [el('span', { classe: 'situacao ' + r.status, 'data-campo': 'situacao',
          texto: SITUACOES[r.status] || r.status })]),
        el('td', { 'data-rotulo': 'Início', texto: fmtDataHora(r.startedAt) }),
        el('td', { classe: 'num', 'data-rotulo': 'Duração', texto: fmtDuracao(x.duracaoSegundos) }),
        el('td', { classe: 'largo', 'data-rotulo': 'Progresso por etapa' }, [barras(x, 'exec-' + i),
          el('span', { classe: 'sub', texto: resumoContagens(x) })])
      ]));
    });
    $('#proxima-noturna').textContent = estado.execucoes.proximaNoturna ? fmtDataHora(estado.execucoes.proximaNoturna) : 'desativada';
    mostrarAcompanhada(recentes);
  }

  function mostrarAcompanhada(recentes) {
    if (!acompanhada) { return; }
    var x = recentes.filter(function (e) { return e.run.runId === acompanhada; })[0];
    var caixa = $('#acompanhamento');
    caixa.textContent = '';
    if (!x) {
      caixa.appendChild(el('p', { texto: 'Execução ' + acompanhada + ': aguardando os primeiros eventos…' }));
      return;
    }
    var r = x.run;
    caixa.appendChild(el('h3', { texto: r.entity + (r.forced ? ' (forçada)' : '') + ' · ' + r.runId }));
    caixa.appendChild(el('p', {}, [el('span', { classe: 'situacao ' + r.status, 'data-campo': 'situacao', texto: SITUACOES[r.status] || r.status }),
      document.createTextNode(' · duração ' + fmtDuracao(x.duracaoSegundos) + ' · ' + resumoContagens(x))]));
    caixa.appendChild(barras(x, 'acomp'));
    if (r.errors && r.errors.length) {
      caixa.appendChild(el('p', { classe: 'erro', texto: 'Erros: ' + r.errors.join('; ') }));
    }
  }

  function mostrarMortas(estado) {
    var pendentes = 0;
    estado.filasMortas.forEach(function (f) {
      var linha = $('#mortas tr[data-entidade="' + f.entidade + '"]');
      if (!linha) { return; }
      pendentes += f.mapper.pendentes + f.sink.pendentes;
      celula(linha, 'mapper', fmtNum(f.mapper.total) + ' / ' + fmtNum(f.mapper.pendentes));
      celula(linha, 'sink', fmtNum(f.sink.total) + ' / ' + fmtNum(f.sink.pendentes));
      var td = $('[data-campo="motivos"]', linha);
      td.textContent = '';
      var itens = f.mapper.ultimos.map(function (u) { return ['mapper', u]; }).concat(f.sink.ultimos.map(function (u) { return ['sink', u]; }));
      if (!itens.length) { td.textContent = 'nenhuma'; return; }
      var lista = el('ul', { classe: 'motivos' });
      itens.slice(0, 4).forEach(function (par) {
        var u = par[1];
        var chaveTexto = u.chave ? ' · chave ' + JSON.stringify(u.chave) : '';
        lista.appendChild(el('li', { texto: par[0] + ' · ' + fmtDataHora(u.em) + ': ' + (u.motivo || '—')
          + (u.campo ? ' (campo ' + u.campo + ')' : '') + (u.status ? ' (HTTP ' + u.status + ')' : '') + chaveTexto
          + (u.reprocessado ? ' · reprocessada' : '') }));
      });
      td.appendChild(lista);
    });
    $('#total-mortas').textContent = estado.filasMortas.length ? fmtNum(pendentes) : '—';
  }

  function mostrarResumo(estado) {
    var c = CIRCUITOS[estado.plusoft.circuito] || [estado.plusoft.circuito, ''];
    var circuito = $('#circuito');
    circuito.textContent = c[0];
    circuito.className = 'valor ' + c[1];
    $('#sinks').textContent = estado.plusoft.sinksAtivos + (estado.plusoft.sinksAtivos === 1 ? ' sink ativo' : ' sinks ativos')
      + (estado.plusoft.relatadoEm ? ' · relatado às ' + fmtHora(estado.plusoft.relatadoEm) : '');
    $('#intervalo').textContent = estado.atualizarACadaSegundos;
    $('#atualizado').textContent = 'atualizado às ' + hora.format(new Date())
      + (estado.geradoEm ? ' (Kafka lido às ' + fmtHora(estado.geradoEm) + ')' : '');
    var avisos = $('#avisos');
    avisos.hidden = !estado.avisos.length;
    avisos.textContent = estado.avisos.length ? 'Atenção: ' + estado.avisos.join('; ') + '.' : '';
  }

  // ---------- charts (plain SVG) ----------

  var SVG = 'http://www.w3.org/2000/svg';

  function svg(tag, atributos, texto) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(atributos).forEach(function (k) { e.setAttribute(k, atributos[k]); });
    if (texto !== undefined) { e.textContent = texto; }
    return e;
  }

  function escala(maximo) {
    if (maximo <= 0) { return 1; }
    var p = Math.pow(10, Math.floor(Math.log10(maximo)));
    var passos = [1, 2, 2.5, 5, 10];
    for (var i = 0; i < passos.length; i++) { if (passos[i] * p >= maximo) { return passos[i] * p; } }
    return 10 * p;
  }

  function grafico(alvo, rotulo, pontos, entidades, tipo) {
    // pontos: [{t: Date, v: {entidade: numero}}]
    var L = 640, A = 220, m = { e: 56, d: 10, c: 10, b: 24 };
    var w = L - m.e - m.d, h = A - m.c - m.b;
    var raiz = svg('svg', { viewBox: '0 0 ' + L + ' ' + A, role: 'img', 'aria-label': rotulo });
    raiz.appendChild(svg('title', {}, rotulo));
    var maximo = 0;
    pontos.forEach(function (p) {
      if (tipo === 'barras') {
        var soma = 0;
        entidades.forEach(function (e) { soma += p.v[e] || 0; });
        maximo = Math.max(maximo, soma);
      } else {
        entidades.forEach(function (e) { maximo = Math.max(maximo, p.v[e] || 0); });
      }
    });
    var topo = escala(maximo);
    for (var i = 0; i <= 4; i++) {
      var y = m.c + h - h * i / 4;
      raiz.appendChild(svg('line', { x1: m.e, x2: m.e + w, y1: y, y2: y, stroke: '#e3e7ec' }));
      raiz.appendChild(svg('text', { x: m.e - 6, y: y + 4, 'text-anchor': 'end' }, numero.format(topo * i / 4)));
    }
    if (pontos.length) {
      var t0 = pontos[0].t.getTime(), t1 = pontos[pontos.length - 1].t.getTime();
      var x = function (t) { return m.e + (t1 === t0 ? w / 2 : (t - t0) / (t1 - t0) * w); };
      [0, Math.floor((pontos.length - 1) / 2), pontos.length - 1].forEach(function (k, j, todos) {
        if (j > 0 && k === todos[j - 1]) { return; }
        raiz.appendChild(svg('text', { x: x(pontos[k].t.getTime()), y: A - 6, 'text-anchor': j === 0 ? 'start' : j === 2 ? 'end' : 'middle' },
          horaMinuto.format(pontos[k].t)));
      });
      if (tipo === 'barras') {
        var largura = Math.max(1, w / pontos.length - 1);
        pontos.forEach(function (p) {
          var base = m.c + h;
          var cx = m.e + (pontos.length === 1 ? w / 2 : (p.t.getTime() - t0) / (t1 - t0) * (w - largura));
          entidades.forEach(function (e, k) {
            var v = p.v[e] || 0;
            if (!v) { return; }
            var altura = h * v / topo;
            base -= altura;
            var r = svg('rect', { x: cx, y: base, width: largura, height: altura, fill: cor(e, k) });
            r.appendChild(svg('title', {}, e + ' · ' + horaMinuto.format(p.t) + ': ' + numero.format(v)));
            raiz.appendChild(r);
          });
        });
      } else {
        entidades.forEach(function (e, k) {
          var d = pontos.map(function (p, j) {
            return (j ? 'L' : 'M') + x(p.t.getTime()).toFixed(1) + ',' + (m.c + h - h * (p.v[e] || 0) / topo).toFixed(1);
          }).join(' ');
          raiz.appendChild(svg('path', { d: d, fill: 'none', stroke: cor(e, k), 'stroke-width': 2 }));
        });
      }
    } else {
      raiz.appendChild(svg('text', { x: L / 2, y: A / 2, 'text-anchor': 'middle' }, 'sem dados ainda'));
    }
    var legenda = el('div', { classe: 'legenda' });
    entidades.forEach(function (e, k) { legenda.appendChild(el('span', { style: '--cor:' + cor(e, k), texto: e })); });
    alvo.textContent = '';
    alvo.appendChild(raiz);
    alvo.appendChild(legenda);
  }

  function mostrarGraficos(estado) {
    var entidades = estado.entidades.map(function (e) { return e.entidade; });
    var entregas = estado.historico.entreguesPorMinuto.map(function (p) { return { t: new Date(p.minuto), v: p.entregues }; });
    grafico($('#grafico-entregas'), 'Registros entregues ao Plusoft por minuto, por entidade, na última hora', entregas, entidades, 'barras');
    var lag = estado.historico.lag.map(function (p) { return { t: new Date(p.em), v: p.lag }; });
    grafico($('#grafico-lag'), 'Registros na fila do mapper e do sink, por entidade, na última hora', lag, entidades, 'linhas');
  }

  // ---------- refresh loop ----------

  function agendar() {
    clearTimeout(temporizador);
    var emAndamento = ultimoEstado && ultimoEstado.execucoes.recentes.some(function (x) {
      return x.run.runId === acompanhada && (x.run.status === 'RUNNING' || x.run.status === 'PUBLISHED');
    });
    // a followed run refreshes faster: its counts are live, the rest of the state every refresh
    temporizador = setTimeout(atualizar, emAndamento ? Math.min(2000, intervaloMs) : intervaloMs);
  }

  function atualizar() {
    return fetch('/painel/estado', { headers: { 'Accept': 'application/json' }, cache: 'no-store' })
      .then(function (r) {
        if (!r.ok) { throw new Error('HTTP ' + r.status); }
        return r.json();
      })
      .then(function (estado) {
        ultimoEstado = estado;
        intervaloMs = Math.max(1000, estado.atualizarACadaSegundos * 1000);
        mostrarResumo(estado);
        mostrarEntidades(estado);
        mostrarExecucoes(estado);
        mostrarMortas(estado);
        mostrarGraficos(estado);
        document.body.setAttribute('data-carregado', 'sim');
      })
      .catch(function (e) {
        var avisos = $('#avisos');
        avisos.hidden = false;
        avisos.textContent = 'Sem resposta do gateway (' + e.message + '); tentando de novo.';
      })
      .finally(agendar);
  }

  document.addEventListener('DOMContentLoaded', function () {
    ligarChave();
    atualizar();
  });
})();
